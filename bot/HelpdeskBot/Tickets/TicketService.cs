using System.Text.Json;
using HelpdeskBot.Observability;
using HelpdeskBot.People;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tickets;

/// <summary>
/// Creating and changing tickets: load, call the entity's guarded method, save it together with a
/// <see cref="PendingTicketEvent"/> for each new journal entry (one transaction, retried on a concurrent change), and
/// wake the <see cref="TicketEventDispatcher"/> to publish them. Refusals surface as <see cref="TicketStateException"/>,
/// <see cref="TicketAccessException"/>, <see cref="ArgumentException"/> or <see cref="KeyNotFoundException"/>.
/// </summary>
public sealed class TicketService(
    HelpdeskDbContext db, TicketPolicy policy, TicketEventDispatcher dispatcher, TimeProvider time, HelpdeskMetrics metrics,
    ILogger<TicketService> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>Creates the ticket, or returns the one already created with <paramref name="submissionKey"/>.</summary>
    public async Task<Ticket> CreateAsync(NewTicket input, SubmissionKey submissionKey, CancellationToken cancellationToken = default) =>
        (await CreateOrFindAsync(input, submissionKey, cancellationToken)).Ticket;

    /// <summary>Like <see cref="CreateAsync"/>, saying whether this call created the ticket or found it by its key.</summary>
    public async Task<(Ticket Ticket, bool Created)> CreateOrFindAsync(NewTicket input, SubmissionKey submissionKey, CancellationToken cancellationToken = default)
    {
        Validate(input, submissionKey);
        if (await FindBySubmissionKeyAsync(submissionKey, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var number = await TicketNumbers.NextAsync(db, input.Kind, cancellationToken);
        var ticket = Ticket.Create(number, input, submissionKey, policy, time.GetUtcNow());
        db.Add(ticket);
        AddToOutbox(ticket.Journal);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same submission may have won the race on the unique index: then it is the answer.
            db.ChangeTracker.Clear();
            if (await FindBySubmissionKeyAsync(submissionKey, cancellationToken) is not { } winner)
            {
                throw;
            }

            logger.LogInformation("A concurrent {SubmissionSource} submission created ticket {TicketNumber} first; answering with it",
                submissionKey.Source, winner.Number);
            return (winner, false);
        }

        logger.LogInformation("Ticket {TicketNumber} ({TicketKind}, {Priority}) created for {RequesterId}",
            ticket.Number, ticket.Kind, ticket.Priority, ticket.RequesterId);
        metrics.TicketCreated(ticket.Kind);
        dispatcher.Wake();
        return (ticket, true);
    }

    public Task<Ticket> ChangeStateAsync(string number, TicketState to, string actor, string? note = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.MoveTo(to, actor, note, policy, now), cancellationToken);

    public Task<Ticket> AssignAsync(string number, string? group, string? assigneeId, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.Assign(group, assigneeId, actor, policy, now), cancellationToken);

    /// <summary>Assigns the ticket to the agent unless someone else has it (<see cref="TicketTakenException"/>).</summary>
    public Task<Ticket> TakeAsync(string number, string agentId, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.Take(agentId, policy, now), cancellationToken);

    public Task<Ticket> ChangePriorityAsync(string number, TicketPriority priority, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.ChangePriority(priority, actor, policy, now), cancellationToken);

    public Task<Ticket> RecordHandoffAsync(string number, string actor, string step, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.RecordHandoff(actor, step, now), cancellationToken);

    public Task<Ticket> RecordChatAsync(string number, string actor, string text, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.RecordChat(actor, text, policy, now), cancellationToken);

    public Task<Ticket> CommentAsync(string number, string actor, string text, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.Comment(actor, text, policy, now), cancellationToken);

    public Task<Ticket> CancelByRequesterAsync(string number, string requesterId, string? reason = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.CancelByRequester(requesterId, reason, policy, now), cancellationToken);

    public Task<Ticket> RateAsync(string number, string requesterId, int score, string? comment = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.Rate(requesterId, score, comment, now), cancellationToken);

    public Task<Ticket> ReopenByRequesterAsync(string number, string requesterId, string? reason = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(number, (ticket, now) => ticket.ReopenByRequester(requesterId, reason, policy, now), cancellationToken);

    /// <summary>The approver (a Teams id) decides; a ticket naming them by email is theirs when the directory gives them that email.</summary>
    public async Task<Ticket> DecideApprovalAsync(string number, string approverId, bool approved, string? reason = null, CancellationToken cancellationToken = default)
    {
        var email = await EmailOfAsync(approverId, cancellationToken);
        return await UpdateAsync(number, (ticket, now) => ticket.DecideApproval(approverId, approved, reason, policy, now, email), cancellationToken);
    }

    /// <summary>Whether the person with this Teams id is the ticket's named approver (by Teams id, or by their email in the directory).</summary>
    public async Task<bool> IsNamedApproverAsync(Ticket ticket, string teamsId, CancellationToken cancellationToken = default) =>
        ticket.ApproverId == teamsId || ticket.IsNamedApprover(teamsId, await EmailOfAsync(teamsId, cancellationToken));

    /// <summary>
    /// Names another approver for a pending approval (journalled <see cref="JournalKind.ApproverChanged"/>, which sends
    /// them the card). <paramref name="newApprover"/> is a Teams id, or an email that must be in the people directory:
    /// the person's Teams id is stored when known, else their email. An unknown email is an <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<Ticket> ChangeApproverAsync(string number, string newApprover, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        var (approverId, teamsId) = await ResolveApproverAsync(newApprover, cancellationToken);
        var changed = await UpdateAsync(number, (ticket, now) => ticket.ChangeApprover(approverId, actor, reason, now, teamsId), cancellationToken);
        logger.LogInformation("Ticket {TicketNumber}'s approver changed to {ApproverId} by {Actor}", changed.Number, approverId, actor);
        return changed;
    }

    /// <summary>
    /// Journals (once per approver) that the approval cannot go ahead, for the service desk's queue; false when it was
    /// already journalled for the current approver. Refused (<see cref="TicketStateException"/>) once nothing is pending.
    /// </summary>
    public async Task<bool> MarkApprovalStuckAsync(string number, string reason, CancellationToken cancellationToken = default)
    {
        var marked = false;
        var stuck = await UpdateAsync(number, (ticket, now) => marked = ticket.MarkApprovalStuck(reason, now), cancellationToken, withApproverEntries: true);
        if (marked)
        {
            logger.LogInformation("Ticket {TicketNumber}'s approval is stuck: {Reason}", stuck.Number, reason);
        }

        return marked;
    }

    /// <summary>
    /// The requester asks for a chat about their ticket: one <see cref="JournalKind.Handoff"/> entry to
    /// <see cref="Ticket.ChatWaiting"/>, published like every change, for the service desk's queue; nothing more while
    /// it is already waiting. Refused (<see cref="TicketAccessException"/>) for anyone but the requester, and
    /// (<see cref="TicketStateException"/>) on a closed or cancelled ticket.
    /// </summary>
    public async Task<Ticket> RequestChatAsync(string number, string requesterId, CancellationToken cancellationToken = default)
    {
        var marked = false;
        var ticket = await UpdateAsync(number, (ticket, now) => marked = ticket.RequestChat(requesterId, now), cancellationToken, withHandoffEntries: true);
        if (marked)
        {
            logger.LogInformation("Ticket {TicketNumber} is waiting for a chat with its requester", ticket.Number);
        }

        return ticket;
    }

    /// <summary>The ticket created with <paramref name="submissionKey"/>, if any (without its journal).</summary>
    public Task<Ticket?> FindBySubmissionAsync(SubmissionKey submissionKey, CancellationToken cancellationToken = default) =>
        FindBySubmissionKeyAsync(submissionKey, cancellationToken);

    /// <summary>The requester's tickets, newest first; open ones only unless <paramref name="includeFinished"/>.</summary>
    public Task<List<Ticket>> ListForRequesterAsync(string requesterId, bool includeFinished = false, int max = 50, CancellationToken cancellationToken = default) =>
        db.Set<Ticket>().AsNoTracking()
            .Where(t => t.RequesterId == requesterId)
            .Where(t => includeFinished || (t.State != TicketState.Closed && t.State != TicketState.Cancelled))
            .OrderByDescending(t => t.Id)
            .Take(Math.Clamp(max, 1, 200))
            .ToListAsync(cancellationToken);

    /// <summary>Open tickets waiting for this approver's decision (named by Teams id, or by their email in the directory), oldest first.</summary>
    public async Task<List<Ticket>> ListAwaitingApprovalByAsync(string approverId, int max = 10, CancellationToken cancellationToken = default)
    {
        var email = await EmailOfAsync(approverId, cancellationToken);
        return await db.Set<Ticket>().AsNoTracking()
            .Where(t => (t.ApproverId == approverId || (email != null && t.ApproverId == email)) && t.Approval == ApprovalState.Pending)
            .Where(t => t.State != TicketState.Closed && t.State != TicketState.Cancelled)
            .OrderBy(t => t.Id)
            .Take(Math.Clamp(max, 1, 50))
            .ToListAsync(cancellationToken);
    }

    // The directory's email of a Teams id (stored trimmed and lower case, as approver emails are).
    private Task<string?> EmailOfAsync(string teamsId, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.TeamsId == teamsId).Select(p => p.Email).SingleOrDefaultAsync(cancellationToken);

    /// <summary>What to store as the approver for a Teams id or an email, and their Teams id when known.</summary>
    private async Task<(string ApproverId, string? TeamsId)> ResolveApproverAsync(string approver, CancellationToken cancellationToken)
    {
        var given = approver?.Trim() ?? "";
        if (!Ticket.IsEmail(given))
        {
            Require(given, "The approver", Ticket.MaxApproverIdLength);
            return (given, given);
        }

        if (PersonEmail.Problem(given) is { } problem)
        {
            throw new ArgumentException($"The approver's email is not valid: {problem}.");
        }

        var email = PersonEmail.Normalize(given);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Email == email, cancellationToken)
            ?? throw new ArgumentException($"{email} is not in the people directory: add them first (people import or PUT /api/people), or give their Teams id.");
        return (person.TeamsId ?? email, person.TeamsId);
    }

    /// <summary>The ticket with its journal (oldest first), or null; the number is matched ignoring case.</summary>
    public Task<Ticket?> FindByNumberAsync(string number, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        var normalized = number.Trim().ToUpperInvariant();
        return db.Set<Ticket>().AsNoTracking()
            .Include(t => t.Journal.OrderBy(e => e.Id))
            .SingleOrDefaultAsync(t => t.Number == normalized, cancellationToken);
    }

    private Task<Ticket?> FindBySubmissionKeyAsync(SubmissionKey key, CancellationToken cancellationToken) =>
        db.Set<Ticket>().AsNoTracking()
            .SingleOrDefaultAsync(t => t.SubmissionSource == key.Source && t.SubmissionKey == key.Value, cancellationToken);

    private async Task<Ticket> UpdateAsync(
        string number, Action<Ticket, DateTimeOffset> change, CancellationToken cancellationToken,
        bool withApproverEntries = false, bool withHandoffEntries = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        var normalized = number.Trim().ToUpperInvariant();
        for (var attempt = 1; ; attempt++)
        {
            IQueryable<Ticket> tickets = withApproverEntries
                ? db.Set<Ticket>().Include(t => t.Journal.Where(e => e.Kind == JournalKind.ApprovalStuck || e.Kind == JournalKind.ApproverChanged))
                : withHandoffEntries
                    ? db.Set<Ticket>().Include(t => t.Journal.Where(e => e.Kind == JournalKind.Handoff))
                    : db.Set<Ticket>();
            var ticket = await tickets.SingleOrDefaultAsync(t => t.Number == normalized, cancellationToken)
                ?? throw new KeyNotFoundException($"There is no ticket {number}.");
            var from = ticket.State;
            change(ticket, time.GetUtcNow());
            AddToOutbox(ticket.Journal.Where(e => e.Id == 0)); // only this change's entries: any loaded ones are saved already
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear(); // someone else changed it meanwhile: decide again on what they saved
                continue;
            }

            if (from != ticket.State)
            {
                logger.LogInformation("Ticket {TicketNumber} moved from {FromState} to {ToState}", ticket.Number, from, ticket.State);
            }

            dispatcher.Wake();
            return ticket;
        }
    }

    private void AddToOutbox(IEnumerable<TicketJournalEntry> entries)
    {
        // A live chat's messages are the transcript, delivered by the relay itself: nothing to publish.
        foreach (var entry in entries.Where(e => e.Kind != JournalKind.Chat))
        {
            db.Add(new PendingTicketEvent(entry));
        }
    }

    private static void Validate(NewTicket input, SubmissionKey submissionKey)
    {
        Require(submissionKey.Value, "A submission key", SubmissionKey.MaxLength);
        Require(input.RequesterId, "The requester id", 256);
        Require(input.Title, "The title", Ticket.MaxTitleLength);
        Limit(input.CatalogItemId, "The catalog item id", 100);
        Limit(input.AssignmentGroup, "The assignment group", 100);
        Limit(input.ApproverId, "The approver id", Ticket.MaxApproverIdLength);
        Limit(input.NoApproverReason, "Why nobody approves", Ticket.MaxReasonLength);
        StoredText.Check(input.Description, "The description");
        StoredText.Check(input.Fields, "The form's fields");
        if (input.Description?.Length > Ticket.MaxDescriptionLength)
        {
            throw new ArgumentException($"The description can be at most {Ticket.MaxDescriptionLength:N0} characters.", nameof(input));
        }

        if (input.Fields.Length > Ticket.MaxFieldsLength)
        {
            throw new ArgumentException($"The form's fields can be at most {Ticket.MaxFieldsLength / 1024} KB of JSON.", nameof(input));
        }

        try
        {
            using var fields = JsonDocument.Parse(input.Fields);
            if (fields.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The form's fields must be a JSON object.", nameof(input));
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The form's fields are not valid JSON: {ex.Message}", nameof(input), ex);
        }

        if (!Enum.IsDefined(input.Kind) || !Enum.IsDefined(input.Impact) || !Enum.IsDefined(input.Urgency))
        {
            throw new ArgumentException("Kind, impact or urgency is out of range.", nameof(input));
        }
    }

    private static void Require(string? value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is required.");
        }

        Limit(value, what, maxLength);
    }

    private static void Limit(string? value, string what, int maxLength)
    {
        StoredText.Check(value, what);
        if (value?.Length > maxLength)
        {
            throw new ArgumentException($"{what} can be at most {maxLength:N0} characters; this one has {value.Length:N0}.");
        }
    }
}
