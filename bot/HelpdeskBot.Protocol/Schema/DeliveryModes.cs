namespace HelpdeskBot.Protocol.Schema;

/// <summary>Values of <see cref="Activity.DeliveryMode"/>.</summary>
public static class DeliveryModes
{
    /// <summary>Replies are posted to the serviceUrl.</summary>
    public const string Normal = "normal";

    /// <summary>Replies are returned in the HTTP response body as <see cref="ExpectedReplies"/>.</summary>
    public const string ExpectReplies = "expectReplies";
}
