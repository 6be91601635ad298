using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Protocol.Hosting;

/// <summary>How the messaging endpoint behaves (section <c>Bot</c>).</summary>
public sealed class BotHostingOptions
{
    public const string SectionName = "Bot";

    /// <summary>Larger activity bodies are refused with 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
