using System.Text.Json;
using HelpdeskBot.Catalog;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// Service requests in chat: ticket commands ("my tickets", "status REQ0001001", "request"), catalog matching to an
/// intake card, and the card's Open/Submit actions that create the ticket and turn the card into its confirmation.
/// </summary>
public sealed class RequestsChat(
    ServiceCatalog catalog, CatalogMatcher matcher, IntakeValidator validator, TicketService tickets, PeopleDirectory people,
    ILogger<RequestsChat> logger)
{
    /// <summary>
    /// The best match's score from which a message counts as a request even when the matcher is not sure which one
    /// (one field answer like "vpn" alone stays below it, so questions still go to the knowledge base).
    /// </summary>
    public const double RequestLikeScore = 4;

    public static string NotYours(string number) => $"I can't find a ticket {number} of yours.";

    /// <summary>Answers the message if it is a ticket command or reads like a request; false leaves it to knowledge.</summary>
    public async Task<bool> TryAnswerAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var requesterId = turn.Activity.From?.Id;
        var match = matcher.Match(text);
        switch (RequestCommands.Parse(text))
        {
            case RequestCommand.Browse when !match.IsSure: // "report an incident" is sure: its intake card follows
                await SendCardAsync(turn, CatalogChoiceCard.Build(catalog.Items), cancellationToken);
                return true;
            case RequestCommand.MyTickets when requesterId is { Length: > 0 }:
                var mine = await tickets.ListForRequesterAsync(requesterId, includeFinished: true, MyTicketsCard.Max, cancellationToken);
                if (mine.Count == 0)
                {
                    await turn.SendActivityAsync(MyTicketsCard.None, cancellationToken);
                }
                else
                {
                    await SendCardAsync(turn, MyTicketsCard.Build(mine), cancellationToken);
                }

                return true;
            case RequestCommand.Status status:
                var ticket = await tickets.FindByNumberAsync(status.Number, cancellationToken);
                if (ticket is null || requesterId is null || ticket.RequesterId != requesterId)
                {
                    await turn.SendActivityAsync(NotYours(status.Number), cancellationToken);
                }
                else
                {
                    await SendCardAsync(turn, TicketStatusCard.Build(ticket), cancellationToken);
                }

                return true;
        }

        if (match.IsSure && match.Best is { } item)
        {
            logger.LogInformation("Activity {ActivityId} opened catalog item {CatalogItemId}", turn.Activity.Id, item.Id);
            await SendCardAsync(turn, IntakeCard.Build(item), cancellationToken);
            return true;
        }

        if (match.Matches.Count > 0 && match.Matches[0].Score >= RequestLikeScore)
        {
            await SendCardAsync(turn, CatalogChoiceCard.Build(match.Matches.Select(m => m.Item)), cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>"catalog.open": the item's intake card, or an error card for an item the catalog does not have.</summary>
    public AdaptiveCard Open(JsonElement? data)
    {
        var itemId = Property(data, "item");
        return catalog.Find(itemId) is { } item
            ? IntakeCard.Build(item)
            : RequestErrorCard.Build("That catalog item doesn't exist (any more). Type **request** to see what you can ask for.");
    }

    /// <summary>
    /// "catalog.submit": the card again with errors and what was typed, or the ticket's confirmation. The card's token
    /// is the submission key, so a double click or a re-delivered activity gives the same ticket.
    /// </summary>
    public async Task<AdaptiveCard> SubmitAsync(ChannelAccount? from, JsonElement? data, CancellationToken cancellationToken)
    {
        var token = Property(data, "token");
        var itemId = Property(data, "item");
        if (from?.Id is not { Length: > 0 and <= Person.MaxIdLength } requesterId)
        {
            return RequestErrorCard.Build("I couldn't tell who sent this form, so no ticket was created.");
        }

        if (token is not { Length: >= 16 and <= 128 } || catalog.Find(itemId) is null)
        {
            logger.LogWarning("Refused an intake submit with item {CatalogItemId} and a missing or malformed token", itemId);
            return RequestErrorCard.Build("This form is incomplete or out of date, so no ticket was created. Type **request** to start again.");
        }

        var result = validator.Validate(itemId, data ?? default);
        if (!result.IsValid)
        {
            return IntakeCard.Build(result.Item!, result.Submitted, result.Errors);
        }

        var (approverId, problem) = await ApproverAsync(result.Approval ?? CatalogApproval.None, requesterId, cancellationToken);
        if (problem is not null)
        {
            return IntakeCard.Build(result.Item!, result.Submitted,
                new Dictionary<string, string> { [IntakeResult.FormError] = $"{problem} Please contact the service desk to sort out who approves it." });
        }

        var item = result.Item!;
        var input = new NewTicket(
            item.Kind == CatalogItem.Incident ? TicketKind.Incident : TicketKind.Request,
            item.Title,
            requesterId,
            Enum.TryParse<TicketImpact>(result.Impact, ignoreCase: true, out var impact) ? impact : TicketImpact.Medium,
            Enum.TryParse<TicketUrgency>(result.Urgency, ignoreCase: true, out var urgency) ? urgency : TicketUrgency.Medium,
            CatalogItemId: item.Id,
            Fields: JsonSerializer.Serialize(result.Values),
            AssignmentGroup: item.FulfilmentGroup.Length > 0 ? item.FulfilmentGroup : null,
            ApproverId: approverId);
        Ticket ticket;
        try
        {
            ticket = await tickets.CreateAsync(input, token, cancellationToken);
        }
        catch (ArgumentException e)
        {
            logger.LogWarning("Intake for {CatalogItemId} refused by the ticket service: {Reason}", item.Id, e.Message);
            return IntakeCard.Build(item, result.Submitted, new Dictionary<string, string> { [IntakeResult.FormError] = e.Message });
        }

        // A token is only in the card its requester was sent; someone else presenting it gets nothing of theirs.
        if (ticket.RequesterId != requesterId)
        {
            logger.LogWarning("Submission key of ticket {TicketNumber} presented by another user", ticket.Number);
            return RequestErrorCard.Build("This form belongs to someone else's request, so no ticket was created.");
        }

        return TicketConfirmationCard.Build(ticket);
    }

    private async Task<(string? ApproverId, string? Problem)> ApproverAsync(CatalogApproval approval, string requesterId, CancellationToken cancellationToken)
    {
        switch (approval.Type)
        {
            case CatalogApproval.ManagerType:
                if (await people.FindByTeamsIdAsync(requesterId, cancellationToken) is not { } person)
                {
                    return (null, "This request needs your manager's approval, but you are not in the people directory yet.");
                }

                var lookup = await people.ManagerOfAsync(person, cancellationToken);
                return lookup.CanApprove ? (lookup.Manager!.TeamsId, null) : (null, $"This request needs your manager's approval: {lookup.Problem}");
            case CatalogApproval.GroupType:
                var first = approval.Approvers.FirstOrDefault();
                if (first is null)
                {
                    return (null, $"This request needs approval by {approval.Group}, but the catalog names no approver.");
                }

                if (!first.Contains('@'))
                {
                    return (first, null); // a Teams id
                }

                return await people.FindByEmailAsync(first, cancellationToken) is { TeamsId: { } teamsId }
                    ? (teamsId, null)
                    : (null, $"This request needs approval by {approval.Group}, whose approver {first} has not talked to the bot yet.");
            default:
                return (null, null);
        }
    }

    private static string? Property(JsonElement? data, string name) =>
        data is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : null;

    private static Task SendCardAsync(TurnContext turn, AdaptiveCard card, CancellationToken cancellationToken) =>
        turn.SendActivityAsync(Activity.CreateMessage(null, card.ToAttachment()), cancellationToken);
}
