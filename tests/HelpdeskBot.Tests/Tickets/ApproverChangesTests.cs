using HelpdeskBot.People;
using HelpdeskBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using static HelpdeskBot.Tests.Tickets.TicketTestData;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>
/// Approvals that can't go ahead yet: nobody named, an approver named by email, "approval stuck" journalled once per
/// approver, and the service desk naming another approver. The entity's guards, then the service on SQLite.
/// </summary>
public sealed class ApproverChangesTests : TicketsApp
{
    private const string Grace = "grace@contoso.example";

    private static NewTicket NobodyNamed() =>
        Request() with { NeedsApproval = true, NoApproverReason = "The directory has no manager for Ann." };

    [Fact]
    public void ARequestNeedingApprovalWithNobodyNamedIsPendingStuckOnceWithItsClocksWaiting()
    {
        var ticket = New(input: NobodyNamed());

        var again = ticket.MarkApprovalStuck("Still nobody.", Monday9.AddHours(1));

        Assert.Equal((ApprovalState.Pending, (string?)null, (DateTimeOffset?)null), (ticket.Approval, ticket.ApproverId, ticket.SlaStartedAt));
        Assert.False(again);
        Assert.Equal([JournalKind.Created, JournalKind.ApprovalStuck], ticket.Journal.Select(e => e.Kind));
        var stuck = ticket.Journal.Last();
        Assert.Equal((Ticket.SystemActor, (string?)null, "The directory has no manager for Ann."), (stuck.Actor, stuck.To, stuck.Text));
    }

    [Fact]
    public void ChangingTheApproverIsRefusedUnlessApprovalIsPendingOnAnOpenTicketForSomeoneNew()
    {
        var noApproval = New();
        var cancelled = New(input: Request(approver: Approver));
        cancelled.CancelByRequester(Requester, null, DefaultPolicy, Monday9);
        var pending = New(input: Request(approver: Approver));

        Assert.Contains("not waiting for approval", Assert.Throws<TicketStateException>(() => noApproval.ChangeApprover("29:other", Agent, null, Monday9)).Message);
        Assert.Contains("Cancelled", Assert.Throws<TicketStateException>(() => cancelled.ChangeApprover("29:other", Agent, null, Monday9)).Message);
        Assert.Contains("cannot approve their own", Assert.Throws<ArgumentException>(() => pending.ChangeApprover(Requester, Agent, null, Monday9)).Message);
        Assert.Contains("cannot approve their own", Assert.Throws<ArgumentException>(() => pending.ChangeApprover(Grace, Agent, null, Monday9, newApproverTeamsId: Requester)).Message);
        Assert.Contains("already approves", Assert.Throws<ArgumentException>(() => pending.ChangeApprover(Approver, Agent, null, Monday9)).Message);
        Assert.Throws<ArgumentException>(() => pending.ChangeApprover(" ", Agent, null, Monday9));
        Assert.Throws<ArgumentException>(() => pending.ChangeApprover(new string('x', Ticket.MaxApproverIdLength + 1), Agent, null, Monday9));
        Assert.Throws<ArgumentException>(() => pending.ChangeApprover("29:other", Agent, new string('x', Ticket.MaxReasonLength + 1), Monday9));
        Assert.Equal((Approver, 1), (pending.ApproverId, pending.Journal.Count));
    }

    [Fact]
    public void AnotherApproverIsJournalledFromTheOldToTheNewAndTheApprovalCanBeStuckAgain()
    {
        var ticket = New(input: Request(approver: Approver));
        Assert.True(ticket.MarkApprovalStuck("The card could not reach them.", Monday9));

        ticket.ChangeApprover(Grace, Agent, " Approver on leave ", Monday9.AddHours(1));

        var changed = ticket.Journal.Last();
        Assert.Equal((JournalKind.ApproverChanged, Agent, Approver, Grace, "Approver on leave"), (changed.Kind, changed.Actor, changed.From, changed.To, changed.Text));
        Assert.Equal(Grace, ticket.ApproverId);
        Assert.True(ticket.MarkApprovalStuck("Grace has not talked to the bot yet.", Monday9.AddHours(2)));
        Assert.False(ticket.MarkApprovalStuck("Grace has not talked to the bot yet.", Monday9.AddHours(3)));
        Assert.Equal(2, ticket.Journal.Count(e => e.Kind == JournalKind.ApprovalStuck));
    }

    [Fact]
    public void AnApproverNamedByEmailDecidesWithTheirDirectoryEmailAndNobodyElseDoes()
    {
        var ticket = New(input: Request(approver: Grace));

        Assert.Throws<TicketAccessException>(() => ticket.DecideApproval("29:mallory", true, null, DefaultPolicy, Monday9, "mallory@contoso.example"));
        Assert.Throws<TicketAccessException>(() => ticket.DecideApproval("29:mallory", true, null, DefaultPolicy, Monday9));
        ticket.DecideApproval("29:grace", true, null, DefaultPolicy, Monday9.AddHours(1), "Grace@Contoso.example");

        Assert.Equal((ApprovalState.Approved, "29:grace"), (ticket.Approval, ticket.Journal.Last().Actor));
        Assert.Equal(Monday9.AddHours(1), ticket.SlaStartedAt);
    }

    [Fact]
    public async Task AnApprovalNoChatDeliversIsJournalledStuckOncePerApproverAndPublished()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(approver: Approver), SubmissionKey.Chat("stuck-1")));
        await WaitForPublishedAsync(); // the notifier found no chat reaching the approver: stuck

        var again = await WithTicketsAsync(t => t.MarkApprovalStuckAsync(ticket.Number, "The card could not reach 29:approver."));
        await WithTicketsAsync(t => t.ChangeApproverAsync(ticket.Number, "29:deputy", Agent, "on leave"));
        await WaitForPublishedAsync(); // nor the new one
        var afterChange = await WithTicketsAsync(t => t.MarkApprovalStuckAsync(ticket.Number, "The card could not reach 29:deputy."));

        Assert.Equal((false, false), (again, afterChange));
        await WaitForPublishedAsync();
        Assert.Equal(["29:approver", "29:deputy"], Events.Changes.Where(c => c.Kind == JournalKind.ApprovalStuck).Select(c => c.To));
        Assert.Single(Events.Changes, c => c.Kind == JournalKind.ApproverChanged && c.From == "29:approver" && c.To == "29:deputy");
        var journal = (await WithTicketsAsync(t => t.FindByNumberAsync(ticket.Number)))!.Journal;
        Assert.Equal([JournalKind.Created, JournalKind.ApprovalStuck, JournalKind.ApproverChanged, JournalKind.ApprovalStuck], journal.Select(e => e.Kind));
        Assert.All(journal.Where(e => e.Kind == JournalKind.ApprovalStuck), e => Assert.Contains("could not reach", e.Text));
    }

    [Fact]
    public async Task TheDirectoryPersonWithTheNamedEmailDecidesThroughTheServiceAndListsItInMyApprovals()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
            [
                (2, new PersonRecord(Grace, "Grace Hopper", TeamsId: "29:grace")),
                (3, new PersonRecord("mallory@contoso.example", "Mallory", TeamsId: "29:mallory")),
            ], PersonSource.Csv, default);
        }

        var ticket = await WithTicketsAsync(t => t.CreateAsync(Request(approver: Grace), SubmissionKey.Chat("email-1")));

        var waiting = await WithTicketsAsync(t => t.ListAwaitingApprovalByAsync("29:grace"));
        var notMallorys = await WithTicketsAsync(t => t.ListAwaitingApprovalByAsync("29:mallory"));
        await Assert.ThrowsAsync<TicketAccessException>(() => WithTicketsAsync(t => t.DecideApprovalAsync(ticket.Number, "29:mallory", approved: true)));
        var approved = await WithTicketsAsync(t => t.DecideApprovalAsync(ticket.Number, "29:grace", approved: true));

        Assert.Equal([ticket.Number], waiting.Select(t => t.Number));
        Assert.Empty(notMallorys);
        Assert.Equal(ApprovalState.Approved, approved.Approval);
    }

    [Fact]
    public async Task NamingAnApproverByEmailStoresTheirTeamsIdWhenTheDirectoryKnowsIt()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
                [(2, new PersonRecord(Grace, "Grace Hopper", TeamsId: "29:grace"))], PersonSource.Csv, default);
        }

        var ticket = await WithTicketsAsync(t => t.CreateAsync(NobodyNamed(), SubmissionKey.Chat("nobody-1")));

        var changed = await WithTicketsAsync(t => t.ChangeApproverAsync(ticket.Number, "GRACE@contoso.example", Agent));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => WithTicketsAsync(t => t.ChangeApproverAsync(ticket.Number, "alan@contoso.example", Agent)));

        Assert.Equal("29:grace", changed.ApproverId);
        Assert.Contains("alan@contoso.example is not in the people directory", unknown.Message);
    }
}
