using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Handover;

/// <summary>
/// What replaces the offer after Yes: the incident's number and title, that it waits for a chat, and when someone
/// will answer (with the desk closed, when it opens).
/// </summary>
public static class HandoverReplyCard
{
    public const string Passed = "I've passed it to the service desk: it's waiting for someone to chat with you.";

    public static string Added(string number) => $"I've added it to your open incident {number}, and asked the service desk to chat with you.";

    public static string AnswerBy(string when) => $"Someone will answer by {when}.";

    public const string AnswerSoon = "Someone will answer as soon as they can.";

    public static string Closed(string opening) => $"The service desk is closed now; it opens again {opening}.";

    /// <param name="answer">When someone will answer (<see cref="AnswerBy"/> or <see cref="AnswerSoon"/>).</param>
    /// <param name="closed">With the desk closed, <see cref="Closed"/>; else null.</param>
    public static AdaptiveCard Build(Ticket ticket, bool attached, string answer, string? closed)
    {
        var message = attached ? Added(ticket.Number) : Passed;
        var card = new AdaptiveCard
        {
            Body =
            [
                IntakeCard.Text($"{ticket.Number} — {ticket.Title}", t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; }),
                new TextBlock(message),
            ],
            FallbackText = $"{ticket.Number}: {message} {closed} {answer}",
        };
        if (closed is not null)
        {
            card.Body.Add(new TextBlock(closed) { Color = TextColor.Warning });
        }

        card.Body.Add(new TextBlock(answer) { Weight = TextWeight.Bolder });
        card.Body.Add(new TextBlock($"Type **status {ticket.Number}** to see it.") { IsSubtle = true });
        return card;
    }

    /// <summary>After No, or when Yes could not go ahead: one line, no buttons.</summary>
    public static AdaptiveCard Message(string message, bool problem = false) => new()
    {
        Body = [new TextBlock(message) { Color = problem ? TextColor.Attention : null }],
        FallbackText = message,
    };
}
