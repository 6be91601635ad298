namespace HelpdeskBot.Protocol.Schema;

/// <summary>
/// Metadata attached to an activity (<c>mention</c>, <c>clientInfo</c>, ...). Its fields other than <c>type</c>
/// live in <see cref="JsonExtensible.Properties"/>; typed views such as mentions are in the Teams helpers.
/// </summary>
public sealed class Entity : JsonExtensible
{
    public string? Type { get; set; }
}
