using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpdeskBot.Protocol.Schema;

/// <summary>
/// Base of every wire type: fields this version does not know about are kept and written back unchanged,
/// so <c>channelData</c>, <c>entities</c> and future additions survive a round trip.
/// </summary>
public abstract class JsonExtensible
{
    /// <summary>Fields not mapped to a property, kept as they arrived.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
