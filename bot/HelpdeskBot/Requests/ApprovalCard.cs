using System.Text.Json;
using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// What the approver gets in their 1:1 chat: who asks for what, the form's answers, a reason box and Approve / Reject;
/// once decided (or cancelled) the same card without buttons.
/// </summary>
public static class ApprovalCard
{
    public const string ApproveVerb = "approval.approve";
    public const string RejectVerb = "approval.reject";
    public const string ReasonInput = "reason";

    public static AdaptiveCard Build(Ticket ticket, string requesterName, CatalogItem? item, string? error = null)
    {
        var card = Header(ticket, requesterName, item, "Approval needed");
        if (error is not null)
        {
            card.Body.Add(IntakeCard.Text(error, t => t.Color = TextColor.Attention));
        }

        card.Body.Add(new InputText
        {
            Id = ReasonInput, Label = "Reason (required to reject; the requester sees it)", IsMultiline = true,
            MaxLength = Ticket.MaxReasonLength,
        });
        var about = new TicketActions.About(ticket.Number);
        card.Actions =
        [
            TicketActions.WithStyle(ActionExecute.Create("Approve", ApproveVerb, about), ActionStyle.Positive),
            TicketActions.WithStyle(ActionExecute.Create("Reject", RejectVerb, about), ActionStyle.Destructive),
        ];
        card.FallbackText = $"Approval needed: {ticket.Number} {ticket.Title} for {requesterName}";
        return card;
    }

    /// <summary>The card after the decision, or once there is nothing left to decide (cancelled, decided elsewhere).</summary>
    public static AdaptiveCard Decided(Ticket ticket, string requesterName, CatalogItem? item)
    {
        var outcome = ticket.Approval switch
        {
            ApprovalState.Approved => $"Approved {TicketText.Time(ticket.ApprovalDecidedAt!.Value)}",
            ApprovalState.Rejected => $"Rejected {TicketText.Time(ticket.ApprovalDecidedAt!.Value)}",
            _ when ticket.State == TicketState.Cancelled => "Cancelled by the requester: nothing to decide",
            _ => $"{TicketText.State(ticket.State)}: nothing to decide",
        };
        var card = Header(ticket, requesterName, item, outcome);
        if (ticket.ApprovalReason is { Length: > 0 } reason)
        {
            card.Body.Add(IntakeCard.Text($"Reason: {reason}", t => t.IsSubtle = true));
        }

        card.FallbackText = $"{ticket.Number}: {outcome}";
        return card;
    }

    /// <summary>The previous approver's card once the service desk names someone else.</summary>
    public static AdaptiveCard Reassigned(Ticket ticket, string requesterName, CatalogItem? item, string newApproverName)
    {
        var headline = $"{newApproverName} approves it now: nothing for you to decide";
        var card = Header(ticket, requesterName, item, headline);
        card.FallbackText = $"{ticket.Number}: {headline}";
        return card;
    }

    private static AdaptiveCard Header(Ticket ticket, string requesterName, CatalogItem? item, string headline)
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                IntakeCard.Text(headline, t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; }),
                IntakeCard.Text($"{requesterName} asks for: {ticket.Title} ({ticket.Number})", _ => { }),
            ],
        };
        foreach (var (label, value) in Answers(ticket, item))
        {
            card.Body.Add(new RichTextBlock
            {
                Inlines = [new TextRun($"{label}: ") { Weight = TextWeight.Bolder }, new TextRun(value)],
                Spacing = Spacing.None,
            });
        }

        return card;
    }

    /// <summary>The form's answers labelled as the catalog labels them (ids for fields the catalog no longer has).</summary>
    private static IEnumerable<(string Label, string Value)> Answers(Ticket ticket, CatalogItem? item)
    {
        using var fields = JsonDocument.Parse(ticket.Fields);
        foreach (var field in fields.RootElement.EnumerateObject())
        {
            var value = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
            if (value.Length == 0)
            {
                continue;
            }

            var definition = item?.Fields.FirstOrDefault(f => f.Id == field.Name);
            var shown = definition?.Show(value) ?? value;
            yield return (definition?.Label ?? field.Name, shown.Shorten(501));
        }
    }
}
