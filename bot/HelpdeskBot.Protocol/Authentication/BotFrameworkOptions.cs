using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>
/// The bot's identity and cloud endpoints, read from the configuration root under the Bot Framework SDK's own key
/// names, so an existing Azure Bot's settings carry over unchanged.
/// </summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppTenantId { get; set; }
    public string? ToBotFromChannelOpenIdMetadataUrl { get; set; }
    public string? ToBotFromChannelTokenIssuer { get; set; }
    public string? ToBotFromEmulatorOpenIdMetadataUrl { get; set; }
    public string? ToChannelFromBotLoginUrl { get; set; }
    public string? ToChannelFromBotOAuthScope { get; set; }
    public string? ValidateAuthority { get; set; }

    /// <summary>Authentication is off (local development) exactly when no app id is configured, as in the SDK.</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The app type; absent or unknown values mean MultiTenant, as in the SDK.</summary>
    public BotAppType AppType =>
        Enum.TryParse<BotAppType>(MicrosoftAppType, ignoreCase: true, out var type) ? type : BotAppType.MultiTenant;

    /// <summary>
    /// The endpoints in force. As in the SDK: if any endpoint key is set, exactly the given values are used and
    /// absent ones stay unset; otherwise the public cloud's.
    /// </summary>
    public BotEndpoints ResolveEndpoints()
    {
        string?[] overrides =
        [
            ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer, ToBotFromEmulatorOpenIdMetadataUrl,
            ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope,
        ];
        if (overrides.All(string.IsNullOrWhiteSpace))
        {
            return BotEndpoints.PublicCloud(AppType == BotAppType.SingleTenant ? MicrosoftAppTenantId : null);
        }

        return new BotEndpoints(
            Blank(ToBotFromChannelOpenIdMetadataUrl),
            Blank(ToBotFromChannelTokenIssuer),
            Blank(ToBotFromEmulatorOpenIdMetadataUrl),
            Blank(ToChannelFromBotLoginUrl),
            Blank(ToChannelFromBotOAuthScope),
            !bool.TryParse(ValidateAuthority, out var validate) || validate);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsAuthenticationDisabled)
        {
            yield break;
        }

        if (AppType == BotAppType.UserAssignedMsi)
        {
            yield return new ValidationResult(
                "MicrosoftAppType=UserAssignedMsi is not supported yet; use MultiTenant or SingleTenant with MicrosoftAppPassword.",
                [nameof(MicrosoftAppType)]);
        }
        else if (string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return new ValidationResult(
                "MicrosoftAppPassword is required when MicrosoftAppId is set.", [nameof(MicrosoftAppPassword)]);
        }

        if (AppType == BotAppType.SingleTenant && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return new ValidationResult(
                "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.", [nameof(MicrosoftAppTenantId)]);
        }

        foreach (var result in ValidateEndpoints(ResolveEndpoints()))
        {
            yield return result;
        }
    }

    private static IEnumerable<ValidationResult> ValidateEndpoints(BotEndpoints endpoints)
    {
        (string Key, string? Url)[] urls =
        [
            (nameof(ToBotFromChannelOpenIdMetadataUrl), endpoints.ChannelOpenIdMetadataUrl),
            (nameof(ToBotFromEmulatorOpenIdMetadataUrl), endpoints.EmulatorOpenIdMetadataUrl),
            (nameof(ToChannelFromBotLoginUrl), endpoints.LoginUrl),
        ];
        foreach (var (key, url) in urls)
        {
            if (url is not null && !EndpointUrl.IsAllowed(url))
            {
                yield return new ValidationResult(
                    $"{key} must be an absolute https URL (plain http is allowed for loopback only): '{url}'.", [key]);
            }
        }

        if (endpoints.LoginUrl is null || endpoints.OAuthScope is null)
        {
            yield return new ValidationResult(
                "ToChannelFromBotLoginUrl and ToChannelFromBotOAuthScope must both be set when endpoint keys are overridden.",
                [nameof(ToChannelFromBotLoginUrl), nameof(ToChannelFromBotOAuthScope)]);
        }
        else if (endpoints.ValidateAuthority && !EndpointUrl.IsKnownAuthorityHost(endpoints.LoginUrl))
        {
            yield return new ValidationResult(
                $"ToChannelFromBotLoginUrl '{endpoints.LoginUrl}' is not a known Microsoft Entra authority; set ValidateAuthority=false to use it.",
                [nameof(ToChannelFromBotLoginUrl), nameof(ValidateAuthority)]);
        }

        if (endpoints.ChannelOpenIdMetadataUrl is null && endpoints.EmulatorOpenIdMetadataUrl is null)
        {
            yield return new ValidationResult(
                "Neither ToBotFromChannelOpenIdMetadataUrl nor ToBotFromEmulatorOpenIdMetadataUrl is set: no inbound request could be authenticated.",
                [nameof(ToBotFromChannelOpenIdMetadataUrl)]);
        }
    }
}

/// <summary>Values of <c>MicrosoftAppType</c>.</summary>
public enum BotAppType { MultiTenant, SingleTenant, UserAssignedMsi }
