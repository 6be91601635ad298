namespace HelpdeskBot.Protocol.Schema;

/// <summary>The Connector's answer to a send, reply or update: the id of the activity.</summary>
public sealed class ResourceResponse : JsonExtensible
{
    public ResourceResponse() { }

    public ResourceResponse(string? id) => Id = id;

    public string? Id { get; set; }
}
