namespace HelpdeskBot.Protocol.Schema;

/// <summary>The Connector's error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed class ErrorResponse : JsonExtensible
{
    public Error? Error { get; set; }
}

/// <summary>The error inside <see cref="ErrorResponse"/>.</summary>
public sealed class Error : JsonExtensible
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}
