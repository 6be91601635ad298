namespace HelpdeskBot.Protocol.Schema;

/// <summary>What an invoke activity is answered with: the HTTP status and body sent back to the channel.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);
