namespace HelpdeskBot.Ai;

/// <summary>Who serves the chat model. All three speak the OpenAI chat completions API.</summary>
public enum AiProvider
{
    /// <summary>api.openai.com; an API key is required.</summary>
    OpenAI,

    /// <summary>Azure OpenAI through its v1 endpoint (<c>https://RESOURCE.openai.azure.com/openai/v1/</c>) and an API key.</summary>
    AzureOpenAI,

    /// <summary>Any OpenAI-compatible server (Ollama, vLLM, LiteLLM...); the API key is optional.</summary>
    OpenAICompatible,
}
