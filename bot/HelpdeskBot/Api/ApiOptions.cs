using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Api;

/// <summary>The REST API's settings (section <c>Api</c>): the keys clients send, e.g. <c>Api:Keys:0:Name</c>, <c>:Key</c>, <c>:Roles:0</c>.</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string SectionName = "Api";

    public List<ApiKey> Keys { get; set; } = [];

    /// <summary>How often one anonymous client may search (<c>/api/kb/search</c>); requests with an API key are not limited.</summary>
    public SearchRateLimit SearchRateLimit { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                yield return new ValidationResult($"Api:Keys:{i}:Name is required (it is recorded as the author of what the key writes).", [$"Keys:{i}:Name"]);
            }

            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Trim().Length < ApiKey.MinKeyLength)
            {
                yield return new ValidationResult($"Api:Keys:{i}:Key must be at least {ApiKey.MinKeyLength} characters (e.g. `openssl rand -base64 32`).", [$"Keys:{i}:Key"]);
            }
        }

        foreach (var name in Keys.GroupBy(k => k.Name.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return new ValidationResult($"Api:Keys has two keys named '{name}'; names identify authors, so they must differ.", ["Keys"]);
        }

        if (SearchRateLimit.PermitLimit < 0)
        {
            yield return new ValidationResult("Api:SearchRateLimit:PermitLimit must be 0 (no limit) or more.", ["SearchRateLimit:PermitLimit"]);
        }

        if (SearchRateLimit.Window <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Api:SearchRateLimit:Window must be a positive time span, e.g. 00:01:00.", ["SearchRateLimit:Window"]);
        }

        if (Keys.GroupBy(k => k.Key).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult("Api:Keys has the same key twice; give each client its own.", ["Keys"]);
        }
    }
}

/// <summary>
/// Searches one anonymous client (by its address) may make per window: every declined search becomes a knowledge gap,
/// so an unlimited client could bury the questions employees really asked. <see cref="PermitLimit"/> 0 turns it off.
/// </summary>
public sealed class SearchRateLimit
{
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
