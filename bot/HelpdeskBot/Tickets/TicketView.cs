using System.Text.Json;

namespace HelpdeskBot.Tickets;

/// <summary>
/// One ticket of <c>GET /api/tickets/{number}</c>: the summary's fields, then what was asked, the approval and the
/// journal (oldest first). <see cref="Fields"/> is the submitted form as a JSON object.
/// </summary>
public sealed record TicketView : TicketSummaryView
{
    private TicketView(TicketSummaryView summary) : base(summary) { }

    public string? Description { get; init; }
    public string? CatalogItemId { get; init; }
    public JsonElement Fields { get; init; }
    public string? ApproverId { get; init; }
    public string? ApprovalReason { get; init; }
    public DateTimeOffset? ApprovalDecidedAt { get; init; }

    /// <summary>The requester's rating once resolved: <c>{score, comment, at}</c>, or null.</summary>
    public TicketRatingView? Rating { get; init; }

    public IReadOnlyList<TicketJournalView> Journal { get; init; } = [];

    /// <summary><paramref name="t"/> loaded with its journal (as <see cref="TicketService.FindByNumberAsync"/> does).</summary>
    public static TicketView From(Ticket t)
    {
        var journal = t.Journal.Select(TicketJournalView.Of).ToList();
        using var fields = JsonDocument.Parse(t.Fields);
        return new TicketView(From(t, journal.Count == 0 ? null : journal[^1].At))
        {
            Description = t.Description,
            CatalogItemId = t.CatalogItemId,
            Fields = fields.RootElement.Clone(),
            ApproverId = t.ApproverId,
            ApprovalReason = t.ApprovalReason,
            ApprovalDecidedAt = t.ApprovalDecidedAt,
            Rating = t.Rating is { } score ? new TicketRatingView(score, t.RatingComment, t.RatedAt!.Value) : null,
            Journal = journal,
        };
    }
}

/// <summary>How the requester rated the resolution.</summary>
public sealed record TicketRatingView(int Score, string? Comment, DateTimeOffset At);
