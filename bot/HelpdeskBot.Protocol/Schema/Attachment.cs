using System.Text.Json;

namespace HelpdeskBot.Protocol.Schema;

/// <summary>A file or card attached to an activity.</summary>
public sealed class Attachment : JsonExtensible
{
    /// <summary>Content type of an Adaptive Card attachment.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }
}
