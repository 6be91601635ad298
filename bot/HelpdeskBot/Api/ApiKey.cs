using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Api;

/// <summary>One client of the REST API: who it is (recorded as the author of what it writes), its secret and its roles.</summary>
public sealed class ApiKey
{
    public const int MinKeyLength = 16;

    [Required]
    public string Name { get; set; } = "";

    [Required, MinLength(MinKeyLength)]
    public string Key { get; set; } = "";

    /// <summary>Role names, e.g. <c>kb-author</c>; an entry may also list several separated by commas.</summary>
    public List<string> Roles { get; set; } = [];

    public IEnumerable<string> RoleNames =>
        Roles.SelectMany(r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
