using HelpdeskBot.Storage;

namespace HelpdeskBot.Tickets;

/// <summary>
/// A service request or incident. Every change goes through a method here that checks the move against
/// <see cref="TicketTransitions"/>, changes nothing when it refuses, and appends to the journal when it succeeds.
/// SLA bookkeeping is in Ticket.Sla.cs.
/// </summary>
public sealed partial class Ticket
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 8000;
    public const int MaxFieldsLength = 64 * 1024;
    public const int MaxReasonLength = 1000;
    public const string SystemActor = "system";
    public const int MaxApproverIdLength = 256;

    private readonly List<TicketJournalEntry> _journal = [];

    private Ticket() { }

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public TicketKind Kind { get; private set; }
    public string? CatalogItemId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string Fields { get; private set; } = "{}";
    public string RequesterId { get; private set; } = "";
    public TicketState State { get; private set; }
    public TicketImpact Impact { get; private set; }
    public TicketUrgency Urgency { get; private set; }
    public TicketPriority Priority { get; private set; }
    public string? AssignmentGroup { get; private set; }
    public string? AssigneeId { get; private set; }
    public ApprovalState Approval { get; private set; }

    /// <summary>
    /// Who decides a pending approval: their Teams user id; or, for a directory person the bot has not seen in chat yet
    /// (no Teams id), their email, trimmed and in lower case (<see cref="IsEmail"/>: Teams ids never hold an @). Null
    /// when no approval is needed, or while it is pending with nobody named (the service desk names someone with
    /// <see cref="ChangeApprover"/>).
    /// </summary>
    public string? ApproverId { get; private set; }
    public string? ApprovalReason { get; private set; }
    public DateTimeOffset? ApprovalDecidedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FirstRespondedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The requester's satisfaction, 1 (poor) to 5 (great), given once the ticket is resolved.</summary>
    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>The chat's card submit token or an API client's idempotency key; unique with <see cref="SubmissionSource"/>.</summary>
    public string SubmissionKey { get; private set; } = "";

    public SubmissionSource SubmissionSource { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every change, checked by every save.</summary>
    public int Version { get; private set; }

    public IReadOnlyCollection<TicketJournalEntry> Journal => _journal;

    public static Ticket Create(string number, NewTicket input, SubmissionKey submissionKey, TicketPolicy policy, DateTimeOffset now)
    {
        var ticket = new Ticket
        {
            Number = number,
            Kind = input.Kind,
            CatalogItemId = input.CatalogItemId,
            Title = input.Title.Trim(),
            Description = input.Description,
            Fields = input.Fields,
            RequesterId = input.RequesterId,
            State = TicketState.New,
            Impact = input.Impact,
            Urgency = input.Urgency,
            Priority = policy.Matrix.For(input.Impact, input.Urgency),
            AssignmentGroup = input.AssignmentGroup,
            Approval = input.NeedsApproval || input.ApproverId is not null ? ApprovalState.Pending : ApprovalState.NotRequired,
            ApproverId = input.ApproverId,
            CreatedAt = now,
            SubmissionKey = submissionKey.Value,
            SubmissionSource = submissionKey.Source,
        };
        ticket.Append(now, input.RequesterId, JournalKind.Created, null, nameof(TicketState.New), ticket.Title);
        if (ticket.Approval == ApprovalState.NotRequired)
        {
            ticket.StartSla(policy.Clock, now); // a request awaiting approval cannot be worked, so its clocks wait too
        }
        else if (ticket.ApproverId is null)
        {
            ticket.MarkApprovalStuck(input.NoApproverReason ?? "Nobody is named to approve it.", now); // in the same save
        }

        return ticket;
    }

    public void MoveTo(TicketState to, string actor, string? note, TicketPolicy policy, DateTimeOffset now)
    {
        if (TicketTransitions.Refusal(this, to, policy.ReopenWindow, now) is { } refusal)
        {
            throw new TicketStateException(refusal);
        }

        var from = State;
        State = to;
        ResolvedAt = to switch { TicketState.Resolved => now, TicketState.Reopened => null, _ => ResolvedAt };
        ClosedAt = TicketTransitions.IsFinal(to) ? now : ClosedAt;
        if (to is TicketState.InProgress or TicketState.Pending or TicketState.Resolved)
        {
            MarkResponded(now);
        }

        TrackPause(from, to, policy.Clock, now);
        Append(now, actor, JournalKind.StateChanged, from.ToString(), to.ToString(), note);
    }

    /// <summary>Sets the group and/or agent; naming an agent on a new or reopened ticket moves it to Assigned.</summary>
    public void Assign(string? group, string? assigneeId, string actor, TicketPolicy policy, DateTimeOffset now)
    {
        if (TicketTransitions.IsFinal(State))
        {
            throw new TicketStateException(TicketTransitions.Refusal(this, TicketState.Assigned, policy.ReopenWindow, now)!);
        }

        if (group?.Length > 100 || assigneeId?.Length > 256)
        {
            throw new ArgumentException("An assignment group has at most 100 characters and an agent id at most 256.");
        }

        var before = Describe(AssignmentGroup, AssigneeId);
        if (assigneeId is not null && State is TicketState.New or TicketState.Reopened)
        {
            MoveTo(TicketState.Assigned, actor, null, policy, now);
        }

        AssignmentGroup = group ?? AssignmentGroup;
        AssigneeId = assigneeId ?? AssigneeId;
        Append(now, actor, JournalKind.Assigned, before, Describe(AssignmentGroup, AssigneeId), null);
    }

    /// <summary>
    /// An agent takes the ticket: it becomes theirs unless someone else has it (<see cref="TicketTakenException"/>).
    /// Taking one's own ticket again changes nothing. The save is conditional on <see cref="Version"/>, so of agents
    /// taking it at the same moment exactly one wins; the others, deciding again on what the winner saved, are refused.
    /// </summary>
    /// <returns>False when it was already theirs.</returns>
    public bool Take(string agentId, TicketPolicy policy, DateTimeOffset now)
    {
        if (AssigneeId == agentId)
        {
            return false;
        }

        if (AssigneeId is { } owner)
        {
            throw new TicketTakenException(Number, owner);
        }

        Assign(null, agentId, agentId, policy, now);
        return true;
    }

    /// <summary>Sets the priority (the SLA targets follow it: due times are worked out again from when the clocks started).</summary>
    public void ChangePriority(TicketPriority priority, string actor, TicketPolicy policy, DateTimeOffset now)
    {
        if (!Enum.IsDefined(priority))
        {
            throw new ArgumentException("That is not a priority.", nameof(priority));
        }

        if (TicketTransitions.IsFinal(State) || State == TicketState.Resolved)
        {
            throw new TicketStateException($"{Number} is {TicketText(State)}; its priority can no longer change.");
        }

        if (priority == Priority)
        {
            return;
        }

        var from = Priority;
        Priority = priority;
        if (SlaStartedAt is { } start)
        {
            FirstResponseDueAt = policy.Clock.DueAt(start, policy.Clock.Target(priority, SlaTarget.FirstResponse), TimeSpan.Zero);
            ResolutionDueAt = policy.Clock.DueAt(start, policy.Clock.Target(priority, SlaTarget.Resolution), PausedBusinessTime);
        }

        Append(now, actor, JournalKind.PriorityChanged, from.ToString(), priority.ToString(), null);
    }

    public void Comment(string actor, string text, TicketPolicy policy, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A comment needs some text.", nameof(text));
        }

        StoredText.Check(text, "The comment");

        if (text.Length > policy.MaxCommentLength)
        {
            throw new ArgumentException(
                $"A comment can be at most {policy.MaxCommentLength:N0} characters; this one has {text.Length:N0}.", nameof(text));
        }

        if (TicketTransitions.IsFinal(State))
        {
            throw new TicketStateException($"{Number} is {State}; a {State.ToString().ToLowerInvariant()} ticket cannot be commented on.");
        }

        if (actor != RequesterId && actor != SystemActor)
        {
            MarkResponded(now); // the first word from the help desk is the first response
        }

        Append(now, actor, JournalKind.Comment, null, null, text);
    }

    public const int MinRating = 1, MaxRating = 5;

    /// <summary>The requester rates how it was resolved (again, if they change their mind); only once it is resolved.</summary>
    public void Rate(string requesterId, int score, string? comment, DateTimeOffset now)
    {
        if (requesterId != RequesterId)
        {
            throw new TicketAccessException($"Only the person who raised {Number} can rate it.");
        }

        if (State is not (TicketState.Resolved or TicketState.Closed))
        {
            throw new TicketStateException($"{Number} is {TicketText(State)}: it can be rated once it is resolved.");
        }

        if (score is < MinRating or > MaxRating)
        {
            throw new ArgumentException($"A rating is {MinRating} to {MaxRating}.", nameof(score));
        }

        Rating = score;
        RatingComment = Limit(string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        RatedAt = now;
        Append(now, requesterId, JournalKind.Rating, null, score.ToString(System.Globalization.CultureInfo.InvariantCulture), RatingComment);
    }

    /// <summary>"Still broken": the requester reopens a resolved ticket, within the reopen window.</summary>
    public void ReopenByRequester(string requesterId, string? reason, TicketPolicy policy, DateTimeOffset now)
    {
        if (requesterId != RequesterId)
        {
            throw new TicketAccessException($"Only the person who raised {Number} can reopen it.");
        }

        MoveTo(TicketState.Reopened, requesterId, Limit(string.IsNullOrWhiteSpace(reason) ? "Still broken" : $"Still broken: {reason.Trim()}"), policy, now);
    }

    private static string TicketText(TicketState state) => state == TicketState.InProgress ? "in progress" : state.ToString().ToLowerInvariant();

    public void CancelByRequester(string requesterId, string? reason, TicketPolicy policy, DateTimeOffset now)
    {
        if (requesterId != RequesterId)
        {
            throw new TicketAccessException($"Only the person who raised {Number} can cancel it.");
        }

        MoveTo(TicketState.Cancelled, requesterId, Limit(reason), policy, now);
    }

    /// <summary>True for an <see cref="ApproverId"/> that is an email (someone named before the bot knew their Teams id).</summary>
    public static bool IsEmail(string approverId) => approverId.Contains('@', StringComparison.Ordinal);

    /// <summary>
    /// Whether the person with this Teams id (and, from the directory, this email) is the named approver: their Teams id
    /// is <see cref="ApproverId"/>, or <see cref="ApproverId"/> is their email.
    /// </summary>
    public bool IsNamedApprover(string teamsId, string? email) =>
        ApproverId is { } named && (named == teamsId || (IsEmail(named) && string.Equals(named, email?.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// The named approver approves (the clocks start) or rejects with a reason (the ticket is cancelled). The approver
    /// is matched by Teams id, or by <paramref name="approverEmail"/> (the directory's, for that Teams id) when the
    /// ticket names them by email.
    /// </summary>
    public void DecideApproval(string approverId, bool approved, string? reason, TicketPolicy policy, DateTimeOffset now, string? approverEmail = null)
    {
        if (TicketTransitions.IsFinal(State))
        {
            throw new TicketStateException($"{Number} is {State}; a {State.ToString().ToLowerInvariant()} ticket cannot be approved or rejected.");
        }

        if (Approval != ApprovalState.Pending)
        {
            throw new TicketStateException($"{Number} is not waiting for approval (approval: {Approval}).");
        }

        if (!IsNamedApprover(approverId, approverEmail))
        {
            throw new TicketAccessException($"Only the named approver can approve or reject {Number}.");
        }

        if (!approved && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("Rejecting a request needs a reason for the requester.", nameof(reason));
        }

        Approval = approved ? ApprovalState.Approved : ApprovalState.Rejected;
        ApprovalReason = Limit(reason);
        ApprovalDecidedAt = now;
        Append(now, approverId, JournalKind.Approval, nameof(ApprovalState.Pending), Approval.ToString(), ApprovalReason);
        if (approved)
        {
            StartSla(policy.Clock, now);
        }
        else
        {
            MoveTo(TicketState.Cancelled, approverId, $"Rejected: {ApprovalReason}", policy, now);
        }
    }

    /// <summary>
    /// The service desk names another approver for a pending approval (also when nobody was named): journalled as
    /// <see cref="JournalKind.ApproverChanged"/> from the old to the new. <paramref name="newApproverTeamsId"/> is the new
    /// approver's Teams id when they are named by email and the directory knows it, so the requester is refused either way.
    /// </summary>
    public void ChangeApprover(string newApproverId, string actor, string? reason, DateTimeOffset now, string? newApproverTeamsId = null)
    {
        RequirePendingApproval("its approver cannot change");
        newApproverId = newApproverId?.Trim() ?? "";
        if (newApproverId.Length is 0 or > MaxApproverIdLength)
        {
            throw new ArgumentException($"Name the new approver by Teams id or email, at most {MaxApproverIdLength} characters.", nameof(newApproverId));
        }

        if (newApproverId == RequesterId || newApproverTeamsId == RequesterId)
        {
            throw new ArgumentException($"The requester cannot approve their own request {Number}; name someone else.", nameof(newApproverId));
        }

        if (newApproverId == ApproverId)
        {
            throw new ArgumentException($"{newApproverId} already approves {Number}.", nameof(newApproverId));
        }

        StoredText.Check(newApproverId, "The approver");
        StoredText.Check(actor, "The actor");
        var note = Limit(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        var from = ApproverId;
        ApproverId = newApproverId;
        Append(now, actor, JournalKind.ApproverChanged, from, newApproverId, note);
    }

    /// <summary>
    /// Journals (as the system) that a pending approval cannot go ahead: the approver's card could not be delivered, or
    /// nobody is named. Once per approver: false, and nothing journalled, when it is already stuck and the approver has
    /// not changed since. Reads the journal's approver entries, so they must be loaded (TicketService does; a new
    /// ticket has its whole journal). The entry's <c>To</c> is the approver it is stuck on (null for nobody).
    /// </summary>
    public bool MarkApprovalStuck(string reason, DateTimeOffset now)
    {
        RequirePendingApproval("its approval cannot be stuck");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("Say why the approval is stuck.", nameof(reason));
        }

        if (_journal.LastOrDefault(e => e.Kind is JournalKind.ApprovalStuck or JournalKind.ApproverChanged)?.Kind == JournalKind.ApprovalStuck)
        {
            return false;
        }

        Append(now, SystemActor, JournalKind.ApprovalStuck, null, ApproverId, Limit(reason.Trim().Shorten(MaxReasonLength)));
        return true;
    }

    /// <summary>What a <see cref="JournalKind.Handoff"/> entry's <c>To</c> says while the requester waits for a chat.</summary>
    public const string ChatWaiting = "Waiting";

    /// <summary>
    /// The requester asks to talk to the service desk: journalled as <see cref="JournalKind.Handoff"/> to
    /// <see cref="ChatWaiting"/> (actor the requester, <c>From</c> the previous hand-off's state or null) for the
    /// queue. Once while waiting: false, and nothing journalled, when the last hand-off entry is already
    /// <see cref="ChatWaiting"/>. Reads the journal's hand-off entries, so they must be loaded (TicketService does; a new
    /// ticket has its whole journal). Refused for anyone but the requester and on a closed or cancelled ticket.
    /// </summary>
    public bool RequestChat(string requesterId, DateTimeOffset now)
    {
        if (requesterId != RequesterId)
        {
            throw new TicketAccessException($"Only the person who raised {Number} can ask for a chat about it.");
        }

        if (TicketTransitions.IsFinal(State))
        {
            throw new TicketStateException($"{Number} is {State}: nobody can be asked to chat about it.");
        }

        var last = _journal.LastOrDefault(e => e.Kind == JournalKind.Handoff);
        if (last?.To == ChatWaiting)
        {
            return false;
        }

        Append(now, requesterId, JournalKind.Handoff, last?.To, ChatWaiting, "Asked in chat to talk to the service desk.");
        return true;
    }

    private void RequirePendingApproval(string what)
    {
        if (TicketTransitions.IsFinal(State))
        {
            throw new TicketStateException($"{Number} is {State}: {what}.");
        }

        if (Approval != ApprovalState.Pending)
        {
            throw new TicketStateException($"{Number} is not waiting for approval (approval: {Approval}), so {what}.");
        }
    }

    /// <summary>A live chat's step (<c>Active</c> when an agent joins, <c>Ended</c>), in the journal.</summary>
    public void RecordHandoff(string actor, string step, DateTimeOffset now) =>
        Append(now, actor, JournalKind.Handoff, null, step, null);

    /// <summary>One relayed message of a live chat: the transcript. An agent's first one is the first response.</summary>
    public void RecordChat(string actor, string text, TicketPolicy policy, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A chat message needs some text.", nameof(text));
        }

        if (actor != RequesterId && actor != SystemActor)
        {
            MarkResponded(now);
        }

        Append(now, actor, JournalKind.Chat, null, null, text.Length > policy.MaxCommentLength ? text.Shorten(policy.MaxCommentLength) : text);
    }

    private void Append(DateTimeOffset at, string actor, JournalKind kind, string? from, string? to, string? text)
    {
        // Every journal line passes here: the last guard against text the database would cut (see StoredText).
        foreach (var value in new[] { actor, from, to, text })
        {
            StoredText.Check(value, kind == JournalKind.Comment ? "The comment" : "The text");
        }

        _journal.Add(new TicketJournalEntry(at, actor, kind, from, to, text));
        Version++;
    }

    private void MarkResponded(DateTimeOffset now) => FirstRespondedAt ??= now;

    private static string? Describe(string? group, string? assignee) =>
        group is null && assignee is null ? null : $"{group ?? "-"}/{assignee ?? "-"}";

    private static string? Limit(string? reason) =>
        reason is null ? null
        : reason.Length <= MaxReasonLength ? reason
        : throw new ArgumentException($"A reason can be at most {MaxReasonLength:N0} characters; this one has {reason.Length:N0}.", nameof(reason));
}
