using System.Text.Json;
using Microsoft.Data.Sqlite;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.EndToEnd;

/// <summary>
/// The built bot, started as a newcomer starts it, talking to Microsoft's own local Teams client (Agents Playground
/// 0.2.28) over the real protocol: no fakes on either side.
/// </summary>
public sealed class PlaygroundTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("playground-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task TheWelcomeCardArrivesAndAMessageGetsItsAnswerInTheAgentsPlayground()
    {
        var botPort = BotProcess.FreePort();
        await using var bot = BotProcess.Start(_folder.FullName, [], botPort);
        await bot.WaitForOutputAsync("HelpdeskBot is listening", TimeSpan.FromSeconds(60));
        await using var playground = await Playground.StartAsync($"http://127.0.0.1:{botPort}/api/messages", _folder.FullName, bot);

        await playground.InstallAsync();
        var welcome = await playground.WaitForBotMessageAsync(
            m => Playground.HasCardContaining(m, "IT help desk bot"), "the welcome card");

        await playground.SayAsync("my vpn wont connect");
        await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Was this helpful?"), "a knowledge answer");

        await playground.SayAsync("when is payday");
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "not something IT looks after"), "payday declined as not IT's");

        const string question = "how do I export my miro boards to confluence";
        await playground.SayAsync(question);
        var noAnswer = await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "couldn't find an article"), "the honest no-answer");
        var form = await playground.ExecuteAsync(noAnswer.GetProperty("messageId").GetString()!, "catalog.open",
            new { action = "catalog.open", item = "report-incident", message = question });
        Assert.Contains(question, CardTexts.Of(form.GetProperty("value")), StringComparison.Ordinal); // the form holds the question

        await playground.SayAsync("help");
        await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Works today"), "the help card");

        var clicked = await playground.ExecuteAsync(welcome.GetProperty("messageId").GetString()!, "help");
        Assert.Equal("application/vnd.microsoft.card.adaptive", clicked.GetProperty("type").GetString());
        Assert.Contains("IT help desk bot", clicked.GetProperty("value").GetRawText());
        Assert.DoesNotContain("fail:", bot.Output); // no error logged on the bot's side either
    }

    [Fact]
    public async Task ANewcomerFilesARequestAndAnIncidentSeesThemAndTheManagerApprovesInThePlayground()
    {
        await using var session = await StartWelcomedAsync();
        var (bot, playground) = (session.Bot, session.Playground);

        // Alex Wilber (the Playground's user) asks for a laptop: the form, filled in, becomes REQ0001001 in place.
        await playground.SayAsync("new laptop please");
        var form = await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Hardware request"), "the hardware form");
        var confirmation = await playground.ExecuteAsync(form.GetProperty("messageId").GetString()!, "catalog.submit",
            Filled(form, ("items", "laptop"), ("quantity", "1"), ("deliverTo", "London, desk 42")));
        Assert.True(CardTexts.Of(confirmation).Contains("REQ0001001 — Laptop × 1", StringComparison.Ordinal), CardTexts.Of(confirmation));

        // His manager Megan Bowen gets the approval card in a 1:1 chat the bot opens. The Playground shows only its
        // current user's (Alex's) chats, so the test plays Megan's client: it finds where the bot put her card and
        // clicks Approve as her through the Playground's invoke route.
        await bot.WaitForOutputAsync("Approval card for REQ0001001 sent", TimeSpan.FromSeconds(20));
        var (approvalChat, approvalCard) = await ApproverCardAsync("REQ0001001");
        var decided = await playground.ExecuteAsync(approvalCard, "approval.approve", new { ticket = "REQ0001001", reason = "Within budget" },
            userId: "user-id-1", conversationId: approvalChat);
        Assert.Contains("Approved", CardTexts.Of(decided), StringComparison.Ordinal);
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "was approved by Megan Bowen"), "Alex told of the approval");

        // An incident, then both in "my tickets".
        await playground.SayAsync("report an incident");
        var incident = await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Report an incident"), "the incident form");
        var filed = await playground.ExecuteAsync(incident.GetProperty("messageId").GetString()!, "catalog.submit",
            Filled(incident, ("service", "vpn"), ("description", "VPN drops every 5 minutes"), ("affected", "me"), ("urgency", "medium")));
        Assert.Contains("INC0001001", CardTexts.Of(filed), StringComparison.Ordinal);
        await playground.SayAsync("my tickets");
        var mine = await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Your tickets"), "my tickets");
        Assert.Contains("REQ0001001", mine.GetRawText());
        Assert.Contains("INC0001001", mine.GetRawText());
        Assert.DoesNotContain("fail:", bot.Output);
    }

    [Fact]
    public async Task AnAgentInTheTeamsChannelTakesTheChatAndTheyTalkThroughTheBotInThePlayground()
    {
        await using var session = await StartWelcomedAsync();
        var (bot, playground) = (session.Bot, session.Playground);

        // The app added to the Playground's team: the agents hear their commands; Megan Bowen (an admin in the sample
        // people directory) makes General the Service Desk's queue.
        await playground.InstallInTeamAsync();
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "set queue Network"), "the agents' commands in the channel");
        await playground.MentionInChannelAsync(Playground.TeamId, "user-id-1", "Megan Bowen", "set queue");
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "now the queue of **Service Desk**"), "the queue set");

        // Alex Wilber (the Playground's user) asks for a person after an answer that did not do it.
        await playground.SayAsync("my vpn keeps dropping");
        await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Was this helpful?"), "a knowledge answer");
        await playground.SayAsync("talk to a human");
        var offer = await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Shall I pass this"), "the hand-over offer");
        var yes = offer.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions")[0].GetProperty("data");
        var passed = await playground.ExecuteAsync(offer.GetProperty("messageId").GetString()!, "handover.yes", yes);
        Assert.Contains("INC0001001", CardTexts.Of(passed.GetProperty("value")), StringComparison.Ordinal);

        // The ticket's card starts its own thread in the channel, waiting for a chat, with the last turns of the chat.
        // (posted, or, when the chat's wait was recorded just after the post, updated in place a moment later)
        var queueCard = await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "INC0001001")
            && Playground.HasCardContaining(m, "Waiting for a chat"), "the queue card in the channel", orUpdated: true);
        Assert.Contains("Asked: my vpn keeps dropping", CardTexts.Of(queueCard.GetProperty("attachments")[0].GetProperty("content")), StringComparison.Ordinal);
        var cardId = queueCard.GetProperty("messageId").GetString()!;
        var thread = $"{Playground.TeamId};messageid={cardId}";

        var joined = await playground.ExecuteAsync(cardId, "queue.chat", new { ticket = "INC0001001" }, userId: "user-id-1", conversationId: thread);
        Assert.Contains("You're chatting with Alex Wilber", CardTexts.Of(joined.GetProperty("value")), StringComparison.Ordinal);
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "Megan Bowen"), "Alex told that Megan joined");

        // Both ways through the bot, then Alex ends it.
        await playground.SayAsync("it still drops every hour");
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "**Alex Wilber**: it still drops every hour"), "Alex's words in the thread");
        await playground.MentionInChannelAsync(thread, "user-id-1", "Megan Bowen", "Try reinstalling the VPN client");
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "**Megan Bowen (Service Desk)**: Try reinstalling the VPN client"), "Megan's reply in Alex's chat");
        await playground.SayAsync("end chat");
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "Chat ended by Alex Wilber"), "the thread told");
        Assert.DoesNotContain("fail:", bot.Output);
    }

    private sealed record Session(ExternalProcess Bot, Playground Playground) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Playground.DisposeAsync();
            await Bot.DisposeAsync();
        }
    }

    /// <summary>The built bot and the Playground, the app installed in Alex's chat and its welcome card seen.</summary>
    private async Task<Session> StartWelcomedAsync()
    {
        var botPort = BotProcess.FreePort();
        var bot = BotProcess.Start(_folder.FullName, [], botPort);
        await bot.WaitForOutputAsync("HelpdeskBot is listening", TimeSpan.FromSeconds(60));
        var playground = await Playground.StartAsync($"http://127.0.0.1:{botPort}/api/messages", _folder.FullName, bot);
        await playground.InstallAsync();
        await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "IT help desk bot"), "the welcome card");
        return new Session(bot, playground);
    }

    /// <summary>Where the bot says it put the approver's card (its TicketCards table; written before it logs the send).</summary>
    private async Task<(string ConversationId, string ActivityId)> ApproverCardAsync(string ticket)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_folder.FullName, "helpdesk.db")}");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT ConversationId, ActivityId FROM TicketCards WHERE TicketNumber = $ticket AND Role = 'approver'";
        query.Parameters.AddWithValue("$ticket", ticket);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"The bot recorded no approver card for {ticket}.");
        return (row.GetString(0), row.GetString(1));
    }

    /// <summary>The card's submit data (item and token) with the answers typed in, as the client sends it.</summary>
    private static Dictionary<string, string> Filled(JsonElement message, params (string Id, string Value)[] inputs)
    {
        var card = message.GetProperty("attachments")[0].GetProperty("content");
        var data = card.GetProperty("actions")[0].GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        foreach (var (id, value) in inputs)
        {
            data[id] = value;
        }

        return data;
    }
}
