namespace HelpdeskBot.Outages;

public enum NoticeState
{
    /// <summary>To be sent (or, after a change, to be brought up to date): <see cref="OutageNotice.NextAttemptAt"/> says when.</summary>
    Pending,

    /// <summary>Their card shows <see cref="OutageNotice.SentRevision"/>, the outage's latest.</summary>
    Sent,

    /// <summary>Gave up: <see cref="OutageNotice.Error"/> says why.</summary>
    Failed,

    /// <summary>No way to reach them: no Teams id, or the app is not installed for them (the bot cannot open a chat).</summary>
    Unreachable,
}

/// <summary>
/// One recipient of one outage's notices (a person's 1:1 chat, or a configured channel) and how delivery stands. At
/// most one per recipient and outage (a unique index), so nobody gets two cards: the first send posts the card and
/// keeps its activity id; every later revision replaces that card in place. Survives restarts; a broadcaster leases a
/// row while it sends, so across instances a row is sent by one at a time.
/// </summary>
public sealed class OutageNotice
{
    public const string PersonPrefix = "person:", ChannelPrefix = "channel:";

    private OutageNotice() { }

    public long Id { get; private set; }
    public int OutageId { get; private set; }

    /// <summary><c>person:&lt;directory id&gt;</c> or <c>channel:&lt;channel id&gt;</c>.</summary>
    public string Recipient { get; private set; } = "";

    public int? PersonId { get; private set; }
    public NoticeState State { get; private set; }

    /// <summary>Where their card is: channel, conversation and activity (set by the first send).</summary>
    public string? ChannelId { get; private set; }

    public string? ServiceUrl { get; private set; }
    public string? ConversationId { get; private set; }
    public string? ActivityId { get; private set; }

    /// <summary>The outage revision their card shows (0: none yet).</summary>
    public int SentRevision { get; private set; }

    /// <summary>The revision to bring them to.</summary>
    public int TargetRevision { get; private set; }

    /// <summary>
    /// The last revision for which a short new message went with the edit (an edit does not notify): the resolution,
    /// and a maintenance's reminders and start. 0: none.
    /// </summary>
    public int MessagedRevision { get; private set; }

    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public string? LeaseOwner { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    public static OutageNotice ForPerson(int outageId, int personId, int revision, DateTimeOffset now) =>
        new() { OutageId = outageId, Recipient = PersonPrefix + personId, PersonId = personId, State = NoticeState.Pending, TargetRevision = revision, NextAttemptAt = now, CreatedAt = now };

    /// <summary>A card already in their chat (shown when they reported a problem) is their notice from now on.</summary>
    public void ShownIn(CardPlace card, int revision, DateTimeOffset now) =>
        (ChannelId, ServiceUrl, ConversationId, ActivityId, SentRevision, State, SentAt, Error) =
        (card.ChannelId, card.ServiceUrl, card.ConversationId, card.ActivityId, revision, TargetRevision <= revision ? NoticeState.Sent : NoticeState.Pending, now, null);

    public static OutageNotice ForChannel(int outageId, string channelId, int revision, DateTimeOffset now) =>
        new() { OutageId = outageId, Recipient = ChannelPrefix + channelId, State = NoticeState.Pending, TargetRevision = revision, NextAttemptAt = now, CreatedAt = now };
}
