using System.Text.RegularExpressions;

namespace HelpdeskBot.Requests;

/// <summary>What a requester's message asks of their tickets, if anything.</summary>
public abstract record RequestCommand
{
    /// <summary>"my tickets", "show my requests", "what have I raised?"</summary>
    public sealed record MyTickets : RequestCommand;

    /// <summary>"status REQ0001001", "where is inc0001002?"</summary>
    public sealed record Status(string Number) : RequestCommand;

    /// <summary>"status 1001", "status": a status command without a ticket number in it.</summary>
    public sealed record StatusHelp : RequestCommand;

    /// <summary>"my approvals", "approvals": the approval cards still waiting for this person's decision.</summary>
    public sealed record MyApprovals : RequestCommand;

    /// <summary>"request", "raise a ticket", "I want to report an incident": show the catalog's choices.</summary>
    public sealed record Browse : RequestCommand;
}

/// <summary>
/// Recognises the few fixed phrasings of ticket commands in chat. Anything else is left to the catalog matcher and
/// the knowledge base; a ticket number anywhere in a short message counts as asking for its status.
/// </summary>
public static partial class RequestCommands
{
    private static readonly string[] MyTicketsPhrases =
    [
        "my tickets", "my ticket", "my requests", "my request", "my incidents", "my incident", "show my tickets",
        "show my requests", "list my tickets", "tickets", "what have i raised", "what did i raise", "my open tickets",
    ];

    private static readonly string[] MyApprovalsPhrases =
    [
        "my approvals", "approvals", "pending approvals", "my pending approvals", "show my approvals", "what do i need to approve",
    ];

    private static readonly string[] BrowsePhrases =
    [
        "request", "new request", "raise a request", "make a request", "raise a ticket", "open a ticket", "log a ticket",
        "new ticket", "ticket please", "report an incident", "report a problem", "report an issue", "catalog",
        "service catalog", "catalogue", "service catalogue",
    ];

    public static RequestCommand? Parse(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0 || normalized.Length > 200) return null;
        if (TicketNumber().Match(normalized) is { Success: true } number)
        {
            return new RequestCommand.Status(number.Value.ToUpperInvariant());
        }

        if (normalized == "status" || (normalized.StartsWith("status ", StringComparison.Ordinal) && normalized.Split(' ').Length <= 3))
        {
            return new RequestCommand.StatusHelp();
        }

        if (MyTicketsPhrases.Contains(normalized)) return new RequestCommand.MyTickets();
        if (MyApprovalsPhrases.Contains(normalized)) return new RequestCommand.MyApprovals();
        if (BrowsePhrases.Contains(normalized)) return new RequestCommand.Browse();
        return null;
    }

    // Lower case, punctuation at the ends and doubled spaces gone: "  My Tickets? " is "my tickets".
    private static string Normalize(string? text) =>
        Spaces().Replace((text ?? "").Trim().Trim('?', '!', '.', ',').ToLowerInvariant(), " ");

    [GeneratedRegex(@"\b(req|inc)\d{7}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TicketNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
