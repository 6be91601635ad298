namespace HelpdeskBot.Tickets;

/// <summary>Where a ticket's submission key came from; part of the key, so no source can take another's keys.</summary>
public enum SubmissionSource
{
    /// <summary>A card submit token the bot issued (see <c>Requests.CardTokens</c>).</summary>
    Chat,

    /// <summary>A REST client's <c>Idempotency-Key</c>, prefixed with the API key's name.</summary>
    Api,
}
