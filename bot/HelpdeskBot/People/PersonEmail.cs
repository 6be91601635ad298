using System.Net.Mail;

namespace HelpdeskBot.People;

/// <summary>Emails are compared case-insensitively, so they are stored trimmed and in lower case.</summary>
public static class PersonEmail
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Null when <paramref name="email"/> is a plain address (no display name, no spaces); else why not.</summary>
    public static string? Problem(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "the email is missing";
        }

        if (trimmed.Length > MaxLength)
        {
            return $"the email is {trimmed.Length:N0} characters; the limit is {MaxLength}";
        }

        var plain = !trimmed.Any(char.IsWhiteSpace) && MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed && address.Host.Contains('.');
        return plain ? null : $"'{trimmed}' is not an email address";
    }
}
