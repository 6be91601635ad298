using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Ai;

/// <summary>
/// The chat model that composes generated answers (section <c>Ai</c>). No endpoint, no model: answers stay
/// extractive, and nothing needs an LLM.
/// </summary>
public sealed class AiOptions : IValidatableObject
{
    public const string SectionName = "Ai";

    /// <summary>The OpenAI-style base address, e.g. <c>https://api.openai.com/v1</c>; empty disables generated answers.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The model name (Azure OpenAI: the deployment name).</summary>
    public string? Model { get; set; }

    public AiProvider Provider { get; set; } = AiProvider.OpenAI;

    /// <summary>How long an answer may take before the extractive one is shown instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How many retrieved sections the model reads.</summary>
    [Range(1, 5)]
    public int MaxSections { get; set; } = 3;

    /// <summary>
    /// When the model says the retrieved sections do not answer the question, the bot declines (the "no answer"
    /// message, its next steps, a knowledge gap) instead of showing the best article. On by default.
    /// </summary>
    public bool ModelCanDecline { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsEnabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            yield return Error($"Ai:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1 (got '{Endpoint}').", nameof(Endpoint));
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return Error("Ai:Model is required when Ai:Endpoint is set (for Azure OpenAI, the deployment name).", nameof(Model));
        }

        if (Provider is not AiProvider.OpenAICompatible && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return Error($"Ai:ApiKey is required for Ai:Provider {Provider}.", nameof(ApiKey));
        }

        if (Provider is AiProvider.AzureOpenAI && !endpoint.AbsolutePath.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            yield return Error("Ai:Endpoint for AzureOpenAI must be the resource's v1 endpoint, " +
                $"https://RESOURCE.openai.azure.com/openai/v1/ (got '{Endpoint}').", nameof(Endpoint));
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(2))
        {
            yield return Error($"Ai:Timeout must be more than zero and at most 00:02:00 (got {Timeout}).", nameof(Timeout));
        }
    }

    private static ValidationResult Error(string message, string member) => new(message, [member]);
}
