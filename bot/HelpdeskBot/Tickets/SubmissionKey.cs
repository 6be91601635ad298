namespace HelpdeskBot.Tickets;

/// <summary>
/// What makes a ticket submission idempotent: the source and its key, unique together. A chat token and an API key
/// with the same text are different keys by construction.
/// </summary>
public sealed record SubmissionKey(SubmissionSource Source, string Value)
{
    public const int MaxLength = 256;

    public static SubmissionKey Chat(string token) => new(SubmissionSource.Chat, token);

    public static SubmissionKey Api(string client, string key) => new(SubmissionSource.Api, $"{client}:{key}");
}
