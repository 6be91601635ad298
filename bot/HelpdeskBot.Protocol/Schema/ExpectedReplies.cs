namespace HelpdeskBot.Protocol.Schema;

/// <summary>The body answering an <c>expectReplies</c> activity: every reply of the turn.</summary>
public sealed class ExpectedReplies : JsonExtensible
{
    public List<Activity> Activities { get; set; } = [];
}
