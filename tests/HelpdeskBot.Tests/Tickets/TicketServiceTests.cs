using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using static HelpdeskBot.Tests.Tickets.TicketTestData;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>TicketService against the migrated database: idempotent create, numbers, journal, refusals, events.</summary>
public abstract class TicketServiceTestsOn(string provider) : TicketsApp(new() { ["Database:Provider"] = provider })
{
    private static NewTicket Incident(string requester = Requester) =>
        new(TicketKind.Incident, "VPN drops every hour", requester, TicketImpact.High, TicketUrgency.High, Fields: """{"service":"vpn"}""");

    [Fact]
    public async Task AChatTokenAndAnApiKeyWithTheSameTextAreDifferentSubmissions()
    {
        var chat = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("api:agent-tool:ALERT-1")));
        var api = await WithTicketsAsync(t => t.CreateAsync(Incident(), SubmissionKey.Api("api", "agent-tool:ALERT-1")));

        Assert.Equal("api:agent-tool:ALERT-1", SubmissionKey.Api("api", "agent-tool:ALERT-1").Value);
        Assert.NotEqual(chat.Number, api.Number);
        Assert.Equal(TicketKind.Incident, api.Kind);
    }

    [Fact]
    public async Task NumbersAreSequentialPerKindFrom1001()
    {
        var first = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("a")));
        var incident = await WithTicketsAsync(t => t.CreateAsync(Incident(), SubmissionKey.Chat("b")));
        var second = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("c")));

        Assert.Equal(["REQ0001001", "INC0001001", "REQ0001002"], new[] { first.Number, incident.Number, second.Number });
        Assert.Equal(TicketPriority.P1, incident.Priority);
    }

    [Fact]
    public async Task TheSameSubmissionTwiceCreatesOneTicketWithOneNumber()
    {
        var first = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("activity-1")));
        var again = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("activity-1")));

        Assert.Equal((first.Id, first.Number), (again.Id, again.Number));
        Assert.Equal(1, await WithDbAsync(db => db.Set<Ticket>().CountAsync()));
        await WaitForPublishedAsync();
        Assert.Single(Events.Changes, c => c.Kind == JournalKind.Created);
    }

    [Fact]
    public async Task AWriteLosingOnTheUniqueSubmissionKeyIsNotLoggedAsAnError()
    {
        var first = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("raced")));

        // What the loser of a race does: insert the same key after its check found none.
        await WithDbAsync(async db =>
        {
            db.Add(Ticket.Create("REQ0009999", Request(), SubmissionKey.Chat("raced"), DefaultPolicy, Monday9));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        Assert.DoesNotContain(App.Logs, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.NotNull(first);
    }

    [Fact]
    public async Task ADoubleClickRacingOnTheUniqueKeyStillCreatesOneTicket()
    {
        var tickets = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => WithTicketsAsync(t => t.CreateAsync(Incident(), SubmissionKey.Chat("card-submit-7"))))));

        Assert.Single(tickets.Select(t => t.Number).Distinct());
        Assert.Equal(1, await WithDbAsync(db => db.Set<Ticket>().CountAsync()));
    }

    [Fact]
    public async Task EveryChangeIsJournalledInOrderAndPublished()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Incident(), SubmissionKey.Chat("k")));

        await WithTicketsAsync(t => t.AssignAsync(ticket.Number, "network", Agent, "system"));
        await WithTicketsAsync(t => t.CommentAsync(ticket.Number, Agent, "Rebooting the concentrator"));
        await WithTicketsAsync(t => t.ChangeStateAsync(ticket.Number, TicketState.InProgress, Agent));
        await WithTicketsAsync(t => t.ChangeStateAsync("inc0001001", TicketState.Resolved, Agent, "Firmware updated"));
        var found = await WithTicketsAsync(t => t.FindByNumberAsync(ticket.Number));
        await WaitForPublishedAsync();

        Assert.Equal(TicketState.Resolved, found!.State);
        Assert.Equal([JournalKind.Created, JournalKind.StateChanged, JournalKind.Assigned, JournalKind.Comment,
            JournalKind.StateChanged, JournalKind.StateChanged], found.Journal.Select(e => e.Kind));
        Assert.Equal(found.Journal.Select(e => e.Kind), Events.Changes.Select(c => c.Kind));
        Assert.Equal("Firmware updated", found.Journal.Last().Text);
    }

    [Fact]
    public async Task TheJournalCannotBeChangedOrDeletedEvenWithRawSql()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("k")));
        await WithTicketsAsync(t => t.CommentAsync(ticket.Number, Requester, "first"));

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"TicketJournal\" SET \"Text\" = 'rewritten'")));
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"TicketJournal\"")));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        var texts = await WithDbAsync(db => db.Set<TicketJournalEntry>().OrderBy(e => e.Id).Select(e => e.Text).ToListAsync());
        Assert.Equal(["Access to the finance share", "first"], texts);
    }

    [Fact]
    public async Task OnlyTheRequesterCanCancelAndOthersAreToldWhy()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("k")));

        var refusal = await Assert.ThrowsAsync<TicketAccessException>(() =>
            WithTicketsAsync(t => t.CancelByRequesterAsync(ticket.Number, "29:mallory")));
        var cancelled = await WithTicketsAsync(t => t.CancelByRequesterAsync(ticket.Number, Requester, "no longer needed"));

        Assert.Equal("Only the person who raised REQ0001001 can cancel it.", refusal.Message);
        Assert.Equal(TicketState.Cancelled, cancelled.State);
        await WaitForPublishedAsync();
        Assert.Equal(TicketState.Cancelled, Events.Changes.Last().State);
    }

    [Fact]
    public async Task AnIllegalMoveIsRefusedAndNothingIsSaved()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("k")));

        var refusal = await Assert.ThrowsAsync<TicketStateException>(() =>
            WithTicketsAsync(t => t.ChangeStateAsync(ticket.Number, TicketState.Closed, Agent)));

        Assert.Equal("REQ0001001 is New; it can be assigned, worked on or cancelled, not closed.", refusal.Message);
        var stored = await WithTicketsAsync(t => t.FindByNumberAsync(ticket.Number));
        Assert.Equal((TicketState.New, 1), (stored!.State, stored.Journal.Count));
    }

    [Fact]
    public async Task A100KbCommentIsRefusedClearlyAndTheTicketIsUntouched()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("k")));

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithTicketsAsync(t => t.CommentAsync(ticket.Number, Requester, new string('x', 100 * 1024))));

        Assert.Contains("at most 4,000 characters", refusal.Message);
        Assert.Single((await WithTicketsAsync(t => t.FindByNumberAsync(ticket.Number)))!.Journal);
    }

    [Fact]
    public async Task TextWithANulCharacterIsRefusedInCommentsReasonsAndNotesNeverStoredCut()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(approver: Approver), SubmissionKey.Chat("k")));

        var comment = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithTicketsAsync(t => t.CommentAsync(ticket.Number, Requester, "see\0 HIDDEN-TAIL")));
        var reason = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithTicketsAsync(t => t.DecideApprovalAsync(ticket.Number, Approver, false, "no\0 HIDDEN-TAIL")));

        Assert.Contains("NUL character", comment.Message);
        Assert.Contains("NUL character", reason.Message);
        // Nothing of either was stored (the approval watcher may have added its own entry meanwhile: the approver has no chat).
        var journal = (await WithTicketsAsync(t => t.FindByNumberAsync(ticket.Number)))!.Journal;
        Assert.DoesNotContain(journal, e => e.Kind is JournalKind.Comment or JournalKind.Approval || e.Text?.Contains("HIDDEN") == true);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    public async Task FormFieldsThatAreNotAJsonObjectAreRefused(string fields, string message)
    {
        var refusal = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithTicketsAsync(t => t.CreateAsync(Request() with { Fields = fields }, SubmissionKey.Chat("k"))));

        Assert.Contains(message, refusal.Message);
        Assert.Equal(0, await WithDbAsync(db => db.Set<Ticket>().CountAsync()));
    }

    [Fact]
    public async Task OversizedOrMissingInputIsRefusedNamingTheField()
    {
        var title = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithTicketsAsync(t => t.CreateAsync(Request() with { Title = new string('t', 100 * 1024) }, SubmissionKey.Chat("k1"))));
        var requester = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithTicketsAsync(t => t.CreateAsync(Request() with { RequesterId = " " }, SubmissionKey.Chat("k2"))));
        var key = await Assert.ThrowsAsync<ArgumentException>(() => WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat(""))));

        Assert.Equal("The title can be at most 200 characters; this one has 102,400.", title.Message);
        Assert.Equal("The requester id is required.", requester.Message);
        Assert.Equal("A submission key is required.", key.Message);
        Assert.Equal(0, await WithDbAsync(db => db.Set<Ticket>().CountAsync()));
    }

    [Fact]
    public async Task AnUnknownTicketNumberIsReportedAsSuch()
    {
        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            WithTicketsAsync(t => t.CommentAsync("REQ9999999", Requester, "hello?")));

        Assert.Equal("There is no ticket REQ9999999.", missing.Message);
    }

    [Fact]
    public async Task RequestersSeeOnlyTheirOwnOpenTickets()
    {
        await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("mine")));
        await WithTicketsAsync(t => t.CreateAsync(Incident("29:other"), SubmissionKey.Chat("theirs")));
        var cancelled = await WithTicketsAsync(t => t.CreateAsync(Incident(), SubmissionKey.Chat("mine-2")));
        await WithTicketsAsync(t => t.CancelByRequesterAsync(cancelled.Number, Requester));

        var open = await WithTicketsAsync(t => t.ListForRequesterAsync(Requester));
        var all = await WithTicketsAsync(t => t.ListForRequesterAsync(Requester, includeFinished: true));

        Assert.Equal(["REQ0001001"], open.Select(t => t.Number));
        Assert.Equal(["INC0001002", "REQ0001001"], all.Select(t => t.Number));
    }

    [Fact]
    public async Task ApprovalByTheNamedApproverStartsTheClocksAndAForgedApproverIsRefused()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(approver: Approver), SubmissionKey.Chat("k")));
        Clock.Advance(TimeSpan.FromHours(1));

        await Assert.ThrowsAsync<TicketAccessException>(() =>
            WithTicketsAsync(t => t.DecideApprovalAsync(ticket.Number, "29:forger", approved: true)));
        var approved = await WithTicketsAsync(t => t.DecideApprovalAsync(ticket.Number, Approver, approved: true));

        Assert.Equal(ApprovalState.Approved, approved.Approval);
        Assert.Equal(Monday9.AddHours(1), approved.SlaStartedAt);
    }

    [Fact]
    public async Task CommentsArrivingTogetherAreAllKeptThoughEachChangeChecksTheTicketsVersion()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("k")));

        await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            Task.Run(() => WithTicketsAsync(t => t.CommentAsync(ticket.Number, Agent, $"note {i}")))));

        var stored = await WithTicketsAsync(t => t.FindByNumberAsync(ticket.Number));
        Assert.Equal(["note 1", "note 2", "note 3", "note 4"], stored!.Journal.Where(e => e.Kind == JournalKind.Comment).Select(e => e.Text).Order());
        Assert.Equal(5, stored.Version);
    }
}

public sealed class TicketServiceTests() : TicketServiceTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class TicketServiceTestsOnPostgreSQL() : TicketServiceTestsOn(TestDatabases.PostgreSQL);
