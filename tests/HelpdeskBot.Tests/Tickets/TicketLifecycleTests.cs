using HelpdeskBot.Tickets;
using static HelpdeskBot.Tests.Tickets.TicketTestData;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>The guarded lifecycle on the entity: every move in the table, the reopen window, the approval gate.</summary>
public sealed class TicketLifecycleTests
{
    // The brief's table, written out independently of TicketTransitions so a change to either shows up here.
    private static readonly HashSet<(TicketState, TicketState)> Legal =
    [
        (TicketState.New, TicketState.Assigned), (TicketState.New, TicketState.InProgress), (TicketState.New, TicketState.Cancelled),
        (TicketState.Assigned, TicketState.InProgress), (TicketState.Assigned, TicketState.Pending),
        (TicketState.Assigned, TicketState.Resolved), (TicketState.Assigned, TicketState.Cancelled),
        (TicketState.InProgress, TicketState.Pending), (TicketState.InProgress, TicketState.Resolved), (TicketState.InProgress, TicketState.Cancelled),
        (TicketState.Pending, TicketState.InProgress), (TicketState.Pending, TicketState.Resolved), (TicketState.Pending, TicketState.Cancelled),
        (TicketState.Resolved, TicketState.Closed), (TicketState.Resolved, TicketState.Reopened),
        (TicketState.Reopened, TicketState.Assigned), (TicketState.Reopened, TicketState.InProgress), (TicketState.Reopened, TicketState.Pending),
        (TicketState.Reopened, TicketState.Resolved), (TicketState.Reopened, TicketState.Cancelled),
    ];

    public static TheoryData<TicketState, TicketState> EveryPair()
    {
        var pairs = new TheoryData<TicketState, TicketState>();
        foreach (var from in Enum.GetValues<TicketState>())
        {
            foreach (var to in Enum.GetValues<TicketState>())
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EveryMoveInTheTableIsAllowedAndEveryOtherIsRefusedWithoutChangingAnything(TicketState from, TicketState to)
    {
        var ticket = In(from);
        var (version, journal) = (ticket.Version, ticket.Journal.Count);
        var at = Monday9.AddHours(2);

        if (Legal.Contains((from, to)))
        {
            ticket.MoveTo(to, Agent, "note", DefaultPolicy, at);
            Assert.Equal(to, ticket.State);
            var entry = ticket.Journal.Last();
            Assert.Equal((JournalKind.StateChanged, from.ToString(), to.ToString(), Agent, at), (entry.Kind, entry.From, entry.To, entry.Actor, entry.At));
        }
        else
        {
            var refusal = Assert.Throws<TicketStateException>(() => ticket.MoveTo(to, Agent, null, DefaultPolicy, at));
            Assert.StartsWith($"REQ0001001 is {TicketTransitions.Name(from)};", refusal.Message);
            Assert.Equal((from, version, journal), (ticket.State, ticket.Version, ticket.Journal.Count));
        }
    }

    [Fact]
    public void TheTransitionTableInCodeIsTheDocumentedOne()
    {
        var inCode = TicketTransitions.Allowed.SelectMany(kv => kv.Value.Select(to => (kv.Key, to))).ToHashSet();

        Assert.True(Legal.SetEquals(inCode));
    }

    [Fact]
    public void AClosedTicketCannotBeReopenedAndSaysSo()
    {
        var ticket = In(TicketState.Closed);

        var refusal = Assert.Throws<TicketStateException>(() => ticket.MoveTo(TicketState.Reopened, Requester, null, DefaultPolicy, Monday9.AddHours(1)));

        Assert.Equal("REQ0001001 is Closed; a closed ticket cannot be reopened.", refusal.Message);
    }

    [Fact]
    public void AnIllegalMoveNamesTheMovesThatAreAllowed()
    {
        var refusal = Assert.Throws<TicketStateException>(() => New().MoveTo(TicketState.Resolved, Agent, null, DefaultPolicy, Monday9));

        Assert.Equal("REQ0001001 is New; it can be assigned, worked on or cancelled, not resolved.", refusal.Message);
    }

    [Fact]
    public void OnlyTheRequesterRatesAResolvedTicketOneToFive()
    {
        var open = In(TicketState.InProgress);
        var resolved = In(TicketState.Resolved);

        var early = Assert.Throws<TicketStateException>(() => open.Rate(Requester, 4, null, Monday9.AddDays(1)));
        Assert.Throws<TicketAccessException>(() => resolved.Rate(Agent, 5, null, Monday9.AddDays(1)));
        Assert.Throws<ArgumentException>(() => resolved.Rate(Requester, 6, null, Monday9.AddDays(1)));
        resolved.Rate(Requester, 4, "  quick, thanks ", Monday9.AddDays(1));

        Assert.Equal("REQ0001001 is in progress: it can be rated once it is resolved.", early.Message);
        Assert.Equal((4, "quick, thanks", Monday9.AddDays(1)), (resolved.Rating, resolved.RatingComment, resolved.RatedAt));
        var last = resolved.Journal.Last();
        Assert.Equal((JournalKind.Rating, "4", "quick, thanks"), (last.Kind, last.To, last.Text));
        Assert.Null(open.Rating);
    }

    [Fact]
    public void StillBrokenReopensForTheRequesterOnlyWithinTheWindow()
    {
        var ticket = In(TicketState.Resolved);
        var late = In(TicketState.Resolved);

        Assert.Throws<TicketAccessException>(() => ticket.ReopenByRequester(Agent, null, DefaultPolicy, Monday9.AddDays(1)));
        ticket.ReopenByRequester(Requester, "the printer jams again", DefaultPolicy, ticket.ResolvedAt!.Value.AddDays(1));
        Assert.Throws<TicketStateException>(() => late.ReopenByRequester(Requester, null, DefaultPolicy, late.ResolvedAt!.Value.AddDays(8)));

        Assert.Equal(TicketState.Reopened, ticket.State);
        Assert.Equal("Still broken: the printer jams again", ticket.Journal.Last().Text);
        Assert.Equal(TicketState.Resolved, late.State);
    }

    [Fact]
    public void AResolvedTicketCanBeReopenedUpToTheEndOfTheWindowAndNotATickLater()
    {
        var onTheEdge = In(TicketState.Resolved);
        var tooLate = In(TicketState.Resolved);
        var resolvedAt = onTheEdge.ResolvedAt!.Value;

        onTheEdge.MoveTo(TicketState.Reopened, Requester, "still broken", DefaultPolicy, resolvedAt + TimeSpan.FromDays(7));
        var refusal = Assert.Throws<TicketStateException>(() =>
            tooLate.MoveTo(TicketState.Reopened, Requester, null, DefaultPolicy, resolvedAt + TimeSpan.FromDays(7) + TimeSpan.FromTicks(1)));

        Assert.Equal(TicketState.Reopened, onTheEdge.State);
        Assert.Null(onTheEdge.ResolvedAt);
        Assert.Contains("please open a new ticket", refusal.Message);
        Assert.Equal(TicketState.Resolved, tooLate.State);
    }

    [Fact]
    public void TheReopenWindowIsConfigurable()
    {
        var policy = TicketPolicy.From(new TicketsOptions { ReopenWindow = TimeSpan.FromDays(1) });
        var ticket = In(TicketState.Resolved, policy);

        Assert.Throws<TicketStateException>(() => ticket.MoveTo(TicketState.Reopened, Requester, null, policy, ticket.ResolvedAt!.Value.AddDays(2)));
    }

    [Fact]
    public void ARequestAwaitingApprovalCannotBeWorkedUntilApproved()
    {
        var ticket = New(input: Request(approver: Approver));

        var assign = Assert.Throws<TicketStateException>(() => ticket.Assign("service-desk", Agent, Agent, DefaultPolicy, Monday9));
        var start = Assert.Throws<TicketStateException>(() => ticket.MoveTo(TicketState.InProgress, Agent, null, DefaultPolicy, Monday9));
        Assert.Equal("REQ0001001 is waiting for approval; it cannot be assigned until it is approved.", assign.Message);
        Assert.Contains("waiting for approval", start.Message);
        Assert.Null(ticket.AssigneeId);
        Assert.Null(ticket.SlaStartedAt); // the clocks wait for the approval too

        ticket.DecideApproval(Approver, approved: true, null, DefaultPolicy, Monday9.AddHours(1));
        ticket.Assign("service-desk", Agent, Agent, DefaultPolicy, Monday9.AddHours(2));

        Assert.Equal((ApprovalState.Approved, TicketState.Assigned, Agent), (ticket.Approval, ticket.State, ticket.AssigneeId));
        Assert.Equal(Monday9.AddHours(1), ticket.SlaStartedAt);
    }

    [Fact]
    public void ARejectedRequestIsCancelledWithTheReason()
    {
        var ticket = New(input: Request(approver: Approver));

        ticket.DecideApproval(Approver, approved: false, "Not in your role", DefaultPolicy, Monday9.AddHours(1));

        Assert.Equal((ApprovalState.Rejected, TicketState.Cancelled), (ticket.Approval, ticket.State));
        Assert.Equal([JournalKind.Created, JournalKind.Approval, JournalKind.StateChanged], ticket.Journal.Select(e => e.Kind));
        Assert.Equal("Rejected: Not in your role", ticket.Journal.Last().Text);
    }

    [Fact]
    public void OnlyTheNamedApproverCanDecideAndARejectionNeedsAReason()
    {
        var ticket = New(input: Request(approver: Approver));

        Assert.Throws<TicketAccessException>(() => ticket.DecideApproval("29:forger", true, null, DefaultPolicy, Monday9));
        Assert.Throws<ArgumentException>(() => ticket.DecideApproval(Approver, false, " ", DefaultPolicy, Monday9));

        Assert.Equal((ApprovalState.Pending, TicketState.New, 1), (ticket.Approval, ticket.State, ticket.Journal.Count));
    }

    [Fact]
    public void OnlyTheRequesterCanCancelTheirTicket()
    {
        var ticket = New();

        var refusal = Assert.Throws<TicketAccessException>(() => ticket.CancelByRequester("29:someone-else", null, DefaultPolicy, Monday9));
        ticket.CancelByRequester(Requester, "sorted itself out", DefaultPolicy, Monday9.AddMinutes(5));

        Assert.Equal("Only the person who raised REQ0001001 can cancel it.", refusal.Message);
        Assert.Equal((TicketState.Cancelled, Monday9.AddMinutes(5)), (ticket.State, ticket.ClosedAt));
    }

    [Fact]
    public void ACommentOverTheCapIsRefusedAndA100KbOneDoesNotCrashAnything()
    {
        var ticket = New();

        var refusal = Assert.Throws<ArgumentException>(() => ticket.Comment(Requester, new string('x', 100 * 1024), DefaultPolicy, Monday9));
        ticket.Comment(Requester, new string('y', 4000), DefaultPolicy, Monday9);

        Assert.StartsWith("A comment can be at most 4,000 characters; this one has 102,400.", refusal.Message);
        Assert.Equal([JournalKind.Created, JournalKind.Comment], ticket.Journal.Select(e => e.Kind));
    }

    [Fact]
    public void TheFirstResponseIsTheHelpDesksFirstWordOrStartingWork()
    {
        var commented = New();
        var started = New();

        commented.Comment(Requester, "any news?", DefaultPolicy, Monday9.AddMinutes(1));
        commented.Assign("service-desk", Agent, "system", DefaultPolicy, Monday9.AddMinutes(2));
        Assert.Null(commented.FirstRespondedAt);
        commented.Comment(Agent, "looking at it", DefaultPolicy, Monday9.AddMinutes(3));
        started.MoveTo(TicketState.InProgress, Agent, null, DefaultPolicy, Monday9.AddMinutes(4));

        Assert.Equal(Monday9.AddMinutes(3), commented.FirstRespondedAt);
        Assert.Equal(Monday9.AddMinutes(4), started.FirstRespondedAt);
    }
}
