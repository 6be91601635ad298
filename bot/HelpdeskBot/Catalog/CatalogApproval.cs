namespace HelpdeskBot.Catalog;

/// <summary>
/// Who approves: nobody (<c>none</c>), the requester's manager (<c>manager</c>), or a named group whose
/// <see cref="Approvers"/> (emails or Teams ids) are listed in the catalog (<c>group</c>).
/// </summary>
public sealed class CatalogApproval
{
    public const string NoneType = "none";
    public const string ManagerType = "manager";
    public const string GroupType = "group";

    public static CatalogApproval None { get; } = new() { Type = NoneType };

    public string Type { get; init; } = NoneType;
    public string? Group { get; init; }
    public List<string> Approvers { get; init; } = [];

    public bool IsRequired => Type != NoneType;
}

/// <summary>When <see cref="Field"/> has one of <see cref="Values"/>, <see cref="Approval"/> applies instead.</summary>
public sealed class CatalogApprovalRule
{
    public string Field { get; init; } = "";
    public List<string> Values { get; init; } = [];
    public CatalogApproval Approval { get; init; } = CatalogApproval.None;
}

/// <summary>Sets impact or urgency from a choice field's answer, e.g. affected: me → low, everyone → high.</summary>
public sealed class CatalogLevelMapping
{
    public string Field { get; init; } = "";
    public Dictionary<string, string> Values { get; init; } = [];
}
