using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Requests;

namespace HelpdeskBot.Outages;

/// <summary>
/// The card an affected person gets (and, with <c>deflected</c>, the answer to someone reporting a problem on a service
/// that has an outage): what is known and since when, with <b>I'm affected too</b> while it lasts and, for a report,
/// <b>This is something else</b> (the incident form as usual). The same card is edited in place as the outage changes.
/// </summary>
public static class OutageCard
{
    public const string AffectedVerb = "outage.affected", OtherVerb = "outage.other";

    public sealed record Action(int Outage, string? Text = null);

    public static string Heading(Outage outage, DateTimeOffset now) => outage switch
    {
        { Status: OutageStatus.Resolved, Kind: OutageKind.Maintenance } => "✅ Maintenance finished",
        { Status: OutageStatus.Resolved } => "✅ Resolved",
        { Kind: OutageKind.Maintenance } when outage.StartedAt > now => "🔧 Planned maintenance",
        { Kind: OutageKind.Maintenance } => "🔧 Maintenance under way",
        _ => "⚠ Outage",
    };

    /// <summary>
    /// The short new message that goes with an edit of the card when the change matters (an edit does not notify): the
    /// resolution, and planned maintenance's reminders and start; null for other changes.
    /// </summary>
    public static string? MessageWithEdit(Outage outage, IReadOnlyList<string> serviceNames, DateTimeOffset now)
    {
        var services = string.Join(", ", serviceNames);
        if (outage.Status == OutageStatus.Resolved)
        {
            return $"✅ {services}: {outage.Title} is {(outage.Kind == OutageKind.Maintenance ? "finished" : "resolved")}" +
                (outage.Timeline.LastOrDefault()?.Message is { } said ? $". {said}" : ".");
        }

        if (outage.Kind != OutageKind.Maintenance)
        {
            return null;
        }

        var until = outage.ScheduledEnd is { } end ? $" until {TicketText.Time(end)}" : "";
        return outage.StartedAt <= now
            ? $"🔧 {services}: {outage.Title} has started{until}."
            : $"🔧 Reminder: {outage.Title} on {services} starts {TicketText.Time(outage.StartedAt)}{until}.";
    }

    public static AdaptiveCard Build(Outage outage, IReadOnlyList<string> serviceNames, DateTimeOffset now, bool deflected = false, string? reported = null, string? notice = null)
    {
        var heading = Heading(outage, now);
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock($"{heading} · {string.Join(", ", serviceNames)}")
                {
                    Size = TextSize.Medium, Weight = TextWeight.Bolder,
                    Color = outage.Status == OutageStatus.Resolved ? TextColor.Good : outage.Kind == OutageKind.Maintenance ? TextColor.Accent : TextColor.Attention,
                },
                IntakeCard.Text(outage.Title, t => t.Weight = TextWeight.Bolder),
            ],
            FallbackText = $"{heading}: {outage.Title}",
        };
        if (deflected)
        {
            card.Body.Insert(0, new TextBlock("There is a known problem with this service; the service desk is on it.") { IsSubtle = true });
        }

        var facts = new List<(string, string)> { ("Status", outage.Status.ToString()) };
        if (outage.Kind == OutageKind.Maintenance)
        {
            facts.Add(("Window", $"{TicketText.Time(outage.StartedAt)} to {(outage.ScheduledEnd is { } end ? TicketText.Time(end) : "?")}"));
        }
        else
        {
            facts.Add(("Since", TicketText.Time(outage.StartedAt)));
        }

        if (outage.EndedAt is { } ended)
        {
            facts.Add(("Ended", TicketText.Time(ended)));
        }

        facts.Add(("Reference", outage.Number));
        card.Body.Add(new FactSet([.. facts]));
        if (outage.Impact is { } impact)
        {
            card.Body.Add(IntakeCard.Text($"Impact: {impact}", _ => { }));
        }

        if (outage.Timeline.LastOrDefault() is { } latest)
        {
            card.Body.Add(IntakeCard.Text($"Latest ({TicketText.Time(latest.At)}): {latest.Message}", t => t.IsSubtle = true));
        }

        if (notice is not null)
        {
            card.Body.Add(new TextBlock(notice) { Color = TextColor.Good, Weight = TextWeight.Bolder });
        }

        if (outage.Status != OutageStatus.Resolved && outage.Kind == OutageKind.Outage)
        {
            card.Actions = [ActionExecute.Create("I'm affected too", AffectedVerb, new Action(outage.Id))];
            if (deflected)
            {
                card.Actions.Add(ActionExecute.Create("This is something else", OtherVerb, new Action(outage.Id, reported)));
            }
        }

        return card;
    }

    /// <summary>"Is there an outage?": the active ones (and running maintenance), or that there are none.</summary>
    public static AdaptiveCard List(IReadOnlyList<(Outage Outage, IReadOnlyList<string> Services)> active, string? about, DateTimeOffset now)
    {
        if (active.Count == 0)
        {
            var none = about is null ? "No known outages right now." : $"No known outage on {about} right now.";
            return new AdaptiveCard
            {
                Body =
                [
                    new TextBlock($"✅ {none}") { Weight = TextWeight.Bolder },
                    new TextBlock("If something isn't working for you, tell me what happens and I'll help or pass it to the service desk.") { IsSubtle = true },
                ],
                FallbackText = none,
            };
        }

        var card = new AdaptiveCard
        {
            Body = [new TextBlock(active.Count == 1 ? "One known problem right now" : $"{active.Count} known problems right now") { Size = TextSize.Medium, Weight = TextWeight.Bolder }],
            FallbackText = string.Join("; ", active.Select(a => $"{Heading(a.Outage, now)}: {a.Outage.Title}")),
        };
        foreach (var (outage, services) in active)
        {
            card.Body.Add(new TextBlock($"{Heading(outage, now)} · {string.Join(", ", services)} · {outage.Status}") { Weight = TextWeight.Bolder, Separator = true });
            card.Body.Add(IntakeCard.Text($"{outage.Title} (since {TicketText.Time(outage.StartedAt)}, {outage.Number})", _ => { }, Spacing.None));
            if (outage.Timeline.LastOrDefault() is { } latest)
            {
                card.Body.Add(IntakeCard.Text($"Latest: {latest.Message}", t => t.IsSubtle = true, Spacing.None));
            }
        }

        return card;
    }
}
