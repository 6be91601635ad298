using HelpdeskBot.Tests.Tickets;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Tests.Handover;

/// <summary>Ticket.RequestChat: the "waiting for a chat" hand-off entry, and when it is refused.</summary>
public sealed class RequestChatTests
{
    [Fact]
    public void TheRequesterAskingForAChatJournalsAHandoffToWaitingOnce()
    {
        var ticket = TicketTestData.In(TicketState.InProgress);

        Assert.True(ticket.RequestChat(TicketTestData.Requester, TicketTestData.Monday9.AddHours(1)));
        Assert.False(ticket.RequestChat(TicketTestData.Requester, TicketTestData.Monday9.AddHours(2)));

        var entry = Assert.Single(ticket.Journal, e => e.Kind == JournalKind.Handoff);
        Assert.Equal((TicketTestData.Requester, (string?)null, Ticket.ChatWaiting), (entry.Actor, entry.From, entry.To));
    }

    [Fact]
    public void SomeoneOtherThanTheRequesterIsRefused()
    {
        var ticket = TicketTestData.In(TicketState.New);

        Assert.Throws<TicketAccessException>(() => ticket.RequestChat(TicketTestData.Agent, TicketTestData.Monday9));
        Assert.DoesNotContain(ticket.Journal, e => e.Kind == JournalKind.Handoff);
    }

    [Theory]
    [InlineData(TicketState.Closed)]
    [InlineData(TicketState.Cancelled)]
    public void AClosedOrCancelledTicketIsRefused(TicketState state)
    {
        var ticket = TicketTestData.In(state);

        Assert.Throws<TicketStateException>(() => ticket.RequestChat(TicketTestData.Requester, TicketTestData.Monday9.AddDays(1)));
    }
}
