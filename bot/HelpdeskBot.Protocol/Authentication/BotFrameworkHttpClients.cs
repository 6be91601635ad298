namespace HelpdeskBot.Protocol.Authentication;

/// <summary>Names of the <see cref="HttpClient"/>s the protocol layer asks <see cref="IHttpClientFactory"/> for.</summary>
public static class BotFrameworkHttpClients
{
    /// <summary>OpenID metadata and signing keys.</summary>
    public const string Metadata = "BotFramework.Metadata";

    /// <summary>The outbound token endpoint.</summary>
    public const string Token = "BotFramework.Token";

    /// <summary>The Connector REST API.</summary>
    public const string Connector = "BotFramework.Connector";
}
