using System.ComponentModel.DataAnnotations;
using HelpdeskBot.Protocol.Authentication;

namespace HelpdeskBot.Tests.Protocol;

public class BotFrameworkOptionsTests
{
    private static List<string> Errors(BotFrameworkOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }

    [Fact]
    public void AnEmptyAppIdMeansAnonymousDevelopmentMode()
    {
        var options = new BotFrameworkOptions();

        Assert.True(options.IsAuthenticationDisabled);
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void WithoutOverridesThePublicCloudEndpointsApply()
    {
        var endpoints = new BotFrameworkOptions { MicrosoftAppId = "id", MicrosoftAppPassword = "pw" }.ResolveEndpoints();

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", endpoints.ChannelOpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.com", endpoints.ChannelTokenIssuer);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", endpoints.LoginUrl);
        Assert.Equal("https://api.botframework.com", endpoints.OAuthScope);
    }

    [Fact]
    public void ASingleTenantBotGetsTokensFromItsOwnTenant()
    {
        var options = new BotFrameworkOptions
        {
            MicrosoftAppId = "id", MicrosoftAppPassword = "pw", MicrosoftAppType = "singletenant", MicrosoftAppTenantId = "contoso-tenant",
        };

        Assert.Equal("https://login.microsoftonline.com/contoso-tenant", options.ResolveEndpoints().LoginUrl);
        Assert.Contains("https://sts.windows.net/contoso-tenant/", BotEndpoints.EmulatorIssuers(options.MicrosoftAppTenantId));
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void ASingleTenantBotWithoutATenantIsRefused() =>
        Assert.Contains(Errors(new BotFrameworkOptions { MicrosoftAppId = "id", MicrosoftAppPassword = "pw", MicrosoftAppType = "SingleTenant" }),
            e => e.Contains("MicrosoftAppTenantId"));

    [Fact]
    public void AnAppIdWithoutAPasswordIsRefused() =>
        Assert.Contains(Errors(new BotFrameworkOptions { MicrosoftAppId = "id" }), e => e.Contains("MicrosoftAppPassword"));

    [Theory]
    [InlineData("http://10.0.0.5/.well-known/openidconfiguration", false)]
    [InlineData("http://login.example.com/.well-known/openidconfiguration", false)]
    [InlineData("http://127.0.0.1:5000/.well-known/openidconfiguration", true)]
    [InlineData("http://localhost:5000/.well-known/openidconfiguration", true)]
    [InlineData("http://[::1]:5000/.well-known/openidconfiguration", true)]
    [InlineData("https://login.example.com/.well-known/openidconfiguration", true)]
    public void PlainHttpOverridesAreAllowedForLoopbackOnly(string metadataUrl, bool allowed)
    {
        var options = new BotFrameworkOptions
        {
            MicrosoftAppId = "id", MicrosoftAppPassword = "pw",
            ToBotFromChannelOpenIdMetadataUrl = metadataUrl,
            ToBotFromChannelTokenIssuer = "https://api.botframework.com",
            ToChannelFromBotLoginUrl = "https://login.microsoftonline.com/botframework.com",
            ToChannelFromBotOAuthScope = "https://api.botframework.com",
        };

        Assert.Equal(allowed, !Errors(options).Any(e => e.Contains(nameof(options.ToBotFromChannelOpenIdMetadataUrl))));
    }

    [Fact]
    public void ACustomLoginAuthorityNeedsValidateAuthorityOff()
    {
        var options = new BotFrameworkOptions
        {
            MicrosoftAppId = "id", MicrosoftAppPassword = "pw",
            ToChannelFromBotLoginUrl = "https://login.contoso.com/tenant",
            ToChannelFromBotOAuthScope = "https://api.botframework.com",
            ToBotFromChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration",
        };

        Assert.Contains(Errors(options), e => e.Contains("ValidateAuthority"));
        options.ValidateAuthority = "false";
        Assert.Empty(Errors(options));
    }
}
