using System.Security.Claims;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>The outcome of authenticating an inbound request.</summary>
public sealed record AuthenticationResult(ClaimsIdentity? Identity, string? FailureReason, bool IsAnonymous = false)
{
    public bool Succeeded => Identity is not null;

    public static AuthenticationResult Anonymous { get; } = new(new ClaimsIdentity(), null, IsAnonymous: true);

    public static AuthenticationResult Success(ClaimsIdentity identity) => new(identity, null);

    public static AuthenticationResult Fail(string reason) => new(null, reason);
}
