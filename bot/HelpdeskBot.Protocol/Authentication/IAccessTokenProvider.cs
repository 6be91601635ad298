namespace HelpdeskBot.Protocol.Authentication;

/// <summary>Supplies the bearer token the bot sends to the Connector.</summary>
public interface IAccessTokenProvider
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}
