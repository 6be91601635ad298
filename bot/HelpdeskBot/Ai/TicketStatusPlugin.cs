using System.ComponentModel;
using HelpdeskBot.Requests;
using HelpdeskBot.Tickets;
using Microsoft.SemanticKernel;

namespace HelpdeskBot.Ai;

/// <summary>
/// The asking person's own tickets, for the chat model. Bound to the person when the turn starts: the model names a
/// ticket number at most, never whose, so another person's ticket reads exactly like one that does not exist.
/// </summary>
public sealed class TicketStatusPlugin(TicketService tickets, string requesterId)
{
    public const string PluginName = "tickets";

    private const int MaxListed = 10;

    [KernelFunction("ticket_status")]
    [Description("The status of one of the asking person's own tickets, by its number (like REQ0001001 or INC0001001).")]
    public async Task<string> StatusAsync([Description("The ticket number")] string number, CancellationToken cancellationToken)
    {
        var ticket = number is { Length: > 0 and <= 32 } && !string.IsNullOrWhiteSpace(number)
            ? await tickets.FindByNumberAsync(number, cancellationToken)
            : null;
        return ticket is not null && ticket.RequesterId == requesterId ? Describe(ticket) : RequestsChat.NotYours(number);
    }

    [KernelFunction("my_open_tickets")]
    [Description("The asking person's open tickets, newest first, with their status.")]
    public async Task<string> OpenAsync(CancellationToken cancellationToken)
    {
        var open = await tickets.ListForRequesterAsync(requesterId, includeFinished: false, MaxListed, cancellationToken);
        return open.Count == 0 ? "The person has no open tickets." : string.Join("\n", open.Select(Describe));
    }

    private static string Describe(Ticket ticket) =>
        $"{ticket.Number}: {ticket.Title}. State: {TicketText.State(ticket.State)}. Priority: {ticket.Priority}. " +
        $"Approval: {ticket.Approval}. Resolution due: {TicketText.SlaDue(ticket)}. Opened {TicketText.Time(ticket.CreatedAt)}.";
}
