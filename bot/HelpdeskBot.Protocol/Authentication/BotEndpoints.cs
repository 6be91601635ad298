namespace HelpdeskBot.Protocol.Authentication;

/// <summary>The cloud endpoints in force, after defaults (see <see cref="BotFrameworkOptions.ResolveEndpoints"/>).</summary>
public sealed record BotEndpoints(
    string? ChannelOpenIdMetadataUrl,
    string? ChannelTokenIssuer,
    string? EmulatorOpenIdMetadataUrl,
    string? LoginUrl,
    string? OAuthScope,
    bool ValidateAuthority)
{
    /// <summary>The tenants whose Entra tokens the emulator path accepts (Bot Framework's and the SDK's fixed ones).</summary>
    public static IReadOnlyList<string> EmulatorTenants { get; } =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    /// <summary>Azure public cloud; the login authority is the bot's tenant for single-tenant bots.</summary>
    public static BotEndpoints PublicCloud(string? singleTenantId) => new(
        "https://login.botframework.com/v1/.well-known/openidconfiguration",
        "https://api.botframework.com",
        "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
        $"https://login.microsoftonline.com/{singleTenantId ?? "botframework.com"}",
        "https://api.botframework.com",
        ValidateAuthority: true);

    /// <summary>The issuers an emulator-path (Entra) token may carry: v1 and v2 forms for each accepted tenant.</summary>
    public static IReadOnlyList<string> EmulatorIssuers(string? ownTenantId) =>
    [
        .. EmulatorTenants.Append(ownTenantId).OfType<string>().Where(t => t.Length > 0)
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" }),
    ];
}
