using Microsoft.IdentityModel.Tokens;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>The signing keys published by one OpenID metadata document, with each key's channel endorsements.</summary>
public sealed record SigningKeys(
    IReadOnlyList<SecurityKey> Keys,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements,
    DateTimeOffset FetchedAt)
{
    /// <summary>True when a key with this id is published.</summary>
    public bool Contains(string? keyId) => keyId is not null && Keys.Any(k => k.KeyId == keyId);
}
