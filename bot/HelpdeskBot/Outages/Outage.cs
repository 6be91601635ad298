namespace HelpdeskBot.Outages;

public enum OutageKind
{
    /// <summary>Something broke (an ITIL major incident).</summary>
    Outage,

    /// <summary>Planned maintenance (a change's window): announced ahead, while it runs, and when it ends.</summary>
    Maintenance,
}

/// <summary>Where an outage stands, in the order it usually moves.</summary>
public enum OutageStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

/// <summary>
/// An outage (ITIL major incident) or a planned maintenance: the services it hits, what is known (status, impact,
/// a timeline of updates), and since when. Each change people must hear about raises <see cref="Revision"/>: the
/// broadcast brings every recipient's card to the latest revision (a new card once, then edits in place).
/// </summary>
public sealed class Outage
{
    public const int MaxTitleLength = 200, MaxImpactLength = 1000, MaxMessageLength = 2000, MaxServices = 20;

    private readonly List<OutageUpdate> _timeline = [];

    private Outage() { }

    public int Id { get; private set; }

    /// <summary>How people and agents name it: OUT0001001.</summary>
    public string Number => NumberOf(Id);

    public OutageKind Kind { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The services' ids.</summary>
    public List<string> Services { get; private set; } = [];

    public OutageStatus Status { get; private set; }
    public string? Impact { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>For maintenance: the announced window (<see cref="StartedAt"/> is its start).</summary>
    public DateTimeOffset? ScheduledEnd { get; private set; }

    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Raised by each change its recipients are told of; 1 when opened.</summary>
    public int Revision { get; private set; }

    /// <summary>Maintenance notices already sent ahead (the lead times, as minutes, comma-separated).</summary>
    public string RemindersSent { get; private set; } = "";

    /// <summary>Reports of a problem on its services that got this outage instead of a new incident.</summary>
    public int Deflections { get; private set; }

    /// <summary>Where the agents' card with the delivery counts is (kept up to date while the notices go out).</summary>
    public string? StatusCardChannelId { get; private set; }

    public string? StatusCardServiceUrl { get; private set; }
    public string? StatusCardConversationId { get; private set; }
    public string? StatusCardActivityId { get; private set; }

    /// <summary>Optimistic concurrency: two agents (or an agent and an alert) changing it at once do not lose a change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OutageUpdate> Timeline => _timeline;

    public bool IsActive(DateTimeOffset now) => Status != OutageStatus.Resolved && (Kind == OutageKind.Outage || StartedAt <= now);

    public static string NumberOf(int id) => $"OUT{1_000_000 + id:D7}";

    public static bool TryParseNumber(string? text, out int id)
    {
        id = 0;
        var t = text?.Trim() ?? "";
        return t.Length == 10 && t.StartsWith("OUT", StringComparison.OrdinalIgnoreCase) && int.TryParse(t[3..], out var n) && (id = n - 1_000_000) > 0;
    }

    public static Outage Open(
        OutageKind kind, string title, IReadOnlyList<string> services, string? impact, string author, DateTimeOffset now,
        DateTimeOffset? start = null, DateTimeOffset? end = null, OutageStatus status = OutageStatus.Investigating, string? message = null)
    {
        var outage = new Outage
        {
            Kind = kind, Title = title, Services = [.. services], Impact = impact, Status = status, CreatedBy = author, CreatedAt = now,
            StartedAt = start ?? now, ScheduledEnd = end, Revision = 1, Version = 1,
        };
        outage._timeline.Add(OutageUpdate.Create(now, status, message ?? (kind == OutageKind.Maintenance ? "Maintenance planned." : "Outage opened."), author));
        return outage;
    }

    /// <summary>
    /// A new status, impact or message; false when it changes nothing people would be told. A resolved outage takes no
    /// other status (open a new one), so a late "firing" alert cannot bring it back.
    /// </summary>
    public bool Update(OutageStatus? status, string? impact, string? message, string author, DateTimeOffset now)
    {
        if (Status == OutageStatus.Resolved && status is not null and not OutageStatus.Resolved)
        {
            throw new OutageStateException($"{Number} is resolved; open a new outage if it is happening again.");
        }

        if (Status == OutageStatus.Resolved && status == OutageStatus.Resolved)
        {
            return false; // resolved twice (two passes, a repeated request): told once
        }

        var newStatus = status ?? Status;
        var newImpact = impact ?? Impact;
        if (newStatus == Status && newImpact == Impact && string.IsNullOrWhiteSpace(message))
        {
            return false;
        }

        (Status, Impact) = (newStatus, newImpact);
        if (newStatus == OutageStatus.Resolved && EndedAt is null)
        {
            EndedAt = now;
        }

        _timeline.Add(OutageUpdate.Create(now, newStatus, string.IsNullOrWhiteSpace(message) ? $"Status: {newStatus}." : message.Trim(), author));
        Revision++;
        Version++;
        return true;
    }

    public void PlaceStatusCard(string channelId, string serviceUrl, string conversationId, string activityId) =>
        (StatusCardChannelId, StatusCardServiceUrl, StatusCardConversationId, StatusCardActivityId) = (channelId, serviceUrl, conversationId, activityId);

    /// <summary>A maintenance notice sent ahead: the card is sent again (new revision) so everyone sees how long to go.</summary>
    public bool RecordReminder(int minutesBefore, DateTimeOffset now)
    {
        var sent = RemindersSent.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (sent.Contains(minutesBefore.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            return false;
        }

        RemindersSent = string.Join(',', sent.Append(minutesBefore.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Revision++;
        Version++;
        return true;
    }
}

/// <summary>One line of an outage's timeline: when, the status then, what was said, by whom.</summary>
public sealed class OutageUpdate
{
    private OutageUpdate() { }

    public int Id { get; private set; }
    public int OutageId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public OutageStatus Status { get; private set; }
    public string Message { get; private set; } = "";
    public string Author { get; private set; } = "";

    public static OutageUpdate Create(DateTimeOffset at, OutageStatus status, string message, string author) =>
        new() { At = at, Status = status, Message = message, Author = author };
}

/// <summary>A move the outage's lifecycle refuses (its message says why).</summary>
public sealed class OutageStateException(string message) : Exception(message);

/// <summary>Who reported being affected ("I'm affected too"), and incidents attached to the outage.</summary>
public sealed class OutageLink
{
    private OutageLink() { }

    public int Id { get; private set; }
    public int OutageId { get; private set; }

    /// <summary>The person who said they are affected (directory id), if any.</summary>
    public int? PersonId { get; private set; }

    /// <summary>An incident attached to the outage, if any.</summary>
    public string? TicketNumber { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static OutageLink Affected(int outageId, int personId, string? ticketNumber, DateTimeOffset now) =>
        new() { OutageId = outageId, PersonId = personId, TicketNumber = ticketNumber, At = now };

    public static OutageLink Incident(int outageId, string ticketNumber, DateTimeOffset now) =>
        new() { OutageId = outageId, TicketNumber = ticketNumber, At = now };
}

/// <summary>
/// A monitoring alert seen (source and fingerprint): repeats of it update the same outage, and its resolution may
/// resolve the outage once every alert on it is resolved.
/// </summary>
public sealed class OutageAlert
{
    private OutageAlert() { }

    public int Id { get; private set; }
    public string Source { get; private set; } = "";
    public string Fingerprint { get; private set; } = "";
    public int OutageId { get; private set; }
    public string? Service { get; private set; }
    public bool Firing { get; private set; }
    public int Seen { get; private set; }
    public DateTimeOffset FirstSeenAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }

    public static OutageAlert Create(string source, string fingerprint, int outageId, string? service, bool firing, DateTimeOffset now) =>
        new() { Source = source, Fingerprint = fingerprint, OutageId = outageId, Service = service, Firing = firing, Seen = 1, FirstSeenAt = now, LastSeenAt = now };

    public void SeenAgain(bool firing, DateTimeOffset now) => (Firing, Seen, LastSeenAt) = (firing, Seen + 1, now);
}
