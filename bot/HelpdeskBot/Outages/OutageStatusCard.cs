using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Requests;

namespace HelpdeskBot.Outages;

/// <summary>
/// The agents' card of an outage: what people are told, how the notices stand (sent, pending, unreachable, failed, up
/// to date; affected and deflected), the timeline, and <b>Update</b> (a status and a message everyone gets) and
/// <b>Resolve</b>. Kept up to date in place while the notices go out.
/// </summary>
public static class OutageStatusCard
{
    public const string UpdateVerb = "outage.update", ResolveVerb = "outage.resolve", RefreshVerb = "outage.refresh";
    public const string StatusInput = "status", MessageInput = "message";
    public const int TimelineShown = 5;

    public sealed record About(int Outage);

    public static bool Handles(string? verb) => verb is UpdateVerb or ResolveVerb or RefreshVerb;

    public static AdaptiveCard Build(Outage outage, IReadOnlyList<string> serviceNames, DeliveryCounts counts, DateTimeOffset now, string? notice = null, string? error = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock($"{OutageCard.Heading(outage, now)} {outage.Number} · {string.Join(", ", serviceNames)}") { Size = TextSize.Medium, Weight = TextWeight.Bolder },
                IntakeCard.Text(outage.Title, t => t.Weight = TextWeight.Bolder),
                new FactSet(
                    ("Status", outage.Status.ToString()),
                    (outage.Kind == OutageKind.Maintenance ? "Window" : "Since",
                        outage.Kind == OutageKind.Maintenance && outage.ScheduledEnd is { } end
                            ? $"{TicketText.Time(outage.StartedAt)} to {TicketText.Time(end)}" : TicketText.Time(outage.StartedAt)),
                    ("Impact", outage.Impact ?? "not stated"),
                    ("Notices", $"{counts.UpToDate} of {counts.Total} up to date · {counts.Pending} going out · {counts.Unreachable} unreachable · {counts.Failed} failed"),
                    ("Reported", $"{counts.Affected} affected · {counts.Deflections} reports answered with it")),
            ],
            FallbackText = $"{outage.Number}: {outage.Title} ({outage.Status})",
        };
        foreach (var update in outage.Timeline.TakeLast(TimelineShown))
        {
            card.Body.Add(IntakeCard.Text($"{TicketText.Time(update.At)} · {update.Status} · {update.Message}", t => t.IsSubtle = true, Spacing.None));
        }

        if (notice is not null)
        {
            card.Body.Add(new TextBlock(notice) { Color = TextColor.Good, Weight = TextWeight.Bolder });
        }

        if (error is not null)
        {
            card.Body.Add(new TextBlock(error) { Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }

        if (outage.Status != OutageStatus.Resolved)
        {
            card.Body.Add(new InputChoiceSet
            {
                Id = StatusInput, Label = "Status", Value = outage.Status.ToString(), Style = ChoiceInputStyle.Compact,
                Choices = [.. Enum.GetNames<OutageStatus>().Where(s => s != nameof(OutageStatus.Resolved)).Select(s => new Choice(s, s))],
            });
            card.Body.Add(new InputText { Id = MessageInput, Label = "Message to everyone affected", IsMultiline = true, MaxLength = Outage.MaxMessageLength });
            card.Actions =
            [
                ActionExecute.Create("Update", UpdateVerb, new About(outage.Id)),
                ActionExecute.Create("Resolve", ResolveVerb, new About(outage.Id)),
                ActionExecute.Create("Refresh", RefreshVerb, new About(outage.Id)).WithoutInputs(),
            ];
        }
        else
        {
            card.Actions = [ActionExecute.Create("Refresh", RefreshVerb, new About(outage.Id)).WithoutInputs()];
        }

        return card;
    }
}
