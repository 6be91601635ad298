using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Api;

/// <summary>The REST API's settings (section <c>Api</c>): the keys clients send, e.g. <c>Api:Keys:0:Name</c>, <c>:Key</c>, <c>:Roles:0</c>.</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string SectionName = "Api";

    public List<ApiKey> Keys { get; set; } = [];

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

        if (Keys.GroupBy(k => k.Key).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult("Api:Keys has the same key twice; give each client its own.", ["Keys"]);
        }
    }
}
