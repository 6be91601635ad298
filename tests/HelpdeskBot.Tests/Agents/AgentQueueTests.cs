using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Agents;
using HelpdeskBot.Handover;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Agents;

/// <summary>
/// Queues as Teams channels, over the real protocol: the fake channel hosts a team (its install, its roster, new
/// threads, PUTs), the bot learns the team, posts one thread per ticket, and agents work the card.
/// </summary>
public abstract class AgentQueueTestsOn(string provider) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["Bot:Retry:MaxRetries"] = "0",
    // As a "Get link to channel" link shows them: the team's Entra group id, and the channel id escaped.
    ["Agents:Queues:0:Group"] = "Service Desk",
    ["Agents:Queues:0:TeamId"] = GroupId,
    ["Agents:Queues:0:ChannelId"] = "19%3aqueue%40thread.tacv2",
}))
{
    private const string TeamId = "19:team@thread.tacv2";
    private const string GroupId = "0b5c1a52-5e5f-4c8e-9a4e-2f7c3f5c2a11";
    private const string QueueChannelId = "19:queue@thread.tacv2";
    private const string Requester = "29:alex";
    private static readonly string[] AgentIds = ["29:agent-1", "29:agent-2", "29:agent-3", "29:agent-4", "29:agent-5"];

    private async Task PeopleAsync(params (string Email, string Name, string TeamsId, string? Roles)[] extra)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var lines = new List<(int, PersonRecord)>
        {
            (2, new PersonRecord("alexw@contoso.example", "Alex Wilber", "Finance", "London", TeamsId: Requester)),
        };
        lines.AddRange(AgentIds.Select((id, i) => (3 + i, new PersonRecord($"agent{i + 1}@contoso.example", $"Agent {i + 1}", "IT", TeamsId: id, Roles: "agent"))));
        lines.AddRange(extra.Select((p, i) => (10 + i, new PersonRecord(p.Email, p.Name, TeamsId: p.TeamsId, Roles: p.Roles))));
        await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(lines, PersonSource.Csv, default);
    }

    /// <summary>A channel activity of the team, as Teams sends it.</summary>
    private Activity InTeam(string type, string channelId = "19:general@thread.tacv2", string? eventType = null, string from = "29:installer")
    {
        var activity = TeamsActivities.Message(Channel.ServiceUrl, "", channelId);
        activity.Type = type;
        activity.Text = null;
        activity.From = new ChannelAccount(from, "Someone");
        activity.Conversation = new ConversationAccount { Id = channelId, ConversationType = "channel", IsGroup = true, TenantId = TeamsActivities.TenantId };
        activity.ChannelData = ProtocolJson.ToElement(new
        {
            team = new { id = TeamId, aadGroupId = GroupId, name = "IT Support" },
            channel = new { id = channelId },
            tenant = new { id = TeamsActivities.TenantId },
            eventType,
        });
        return activity;
    }

    private async Task InstallInTeamAsync()
    {
        var install = TeamsActivities.BotInstalledInTeam(Channel.ServiceUrl, TeamId, aadGroupId: GroupId);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(install)).StatusCode);
    }

    private async Task<Ticket> IncidentAsync(string title = "Printer on floor 3 shows offline")
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TicketService>().CreateAsync(
            new NewTicket(TicketKind.Incident, title, Requester, TicketImpact.Medium, TicketUrgency.Medium,
                Description: "Alex: the printer says offline\nBot offered: Printer shows offline (not helpful)"),
            SubmissionKey.Api("tests", Guid.NewGuid().ToString("N")));
    }

    private async Task<T> InDatabaseAsync<T>(Func<HelpdeskDbContext, Task<T>> query)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>());
    }

    private Task<QueueThread?> ThreadAsync(string number) =>
        InDatabaseAsync(db => db.Set<QueueThread>().AsNoTracking().SingleOrDefaultAsync(t => t.TicketNumber == number));

    private static bool IsNewThread(RecordedRequest r) =>
        r.Method == "POST" && r.Path.EndsWith("/v3/conversations", StringComparison.Ordinal) && r.Body is { } b
        && b.TryGetProperty("channelData", out var data) && data.GetProperty("channel").GetProperty("id").GetString() == QueueChannelId;

    private async Task<RecordedRequest> PostedThreadAsync(string number)
    {
        RecordedRequest? found = null;
        await Poll.UntilAsync(() => (found = Channel.Requests.FirstOrDefault(r => IsNewThread(r)
            && CardTexts.Of(r.Body!.Value.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content")).Contains(number))) is not null,
            $"{number} is posted to the queue channel");
        return found!;
    }

    private Activity Press(string verb, string number, string userId, object? inputs = null)
    {
        var data = JsonSerializer.SerializeToNode(inputs ?? new { })!.AsObject();
        data["ticket"] = number;
        var invoke = InTeam(ActivityTypes.Invoke, QueueChannelId + ";messageid=activity-1", from: userId);
        invoke.Name = "adaptiveCard/action";
        invoke.Value = ProtocolJson.ToElement(new { action = new { type = "Action.Execute", verb, data } });
        return invoke;
    }

    private async Task<(HttpStatusCode Status, string Card)> PressAsync(string verb, string number, string userId, object? inputs = null)
    {
        var response = await Client.PostActivityAsync(Press(verb, number, userId, inputs));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"{response.StatusCode} with no body; the app logged: {string.Join("\n", Bot.Logs.Where(l => l.Contains("Exception") || l.Contains("rror")).TakeLast(3))}");
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        return (response.StatusCode, body.TryGetProperty("value", out var card) ? CardTexts.Of(card) : body.GetRawText());
    }

    [Fact]
    public async Task AnIncidentWaitsSavedUntilTheTeamInstallIsSeenThenGetsOneThreadInTheQueueChannel()
    {
        await PeopleAsync();
        var ticket = await IncidentAsync();
        await Poll.UntilAsync(async () => (await ThreadAsync(ticket.Number))?.WaitingReason?.Contains("install the app") == true,
            "the card waits, saying why");
        Assert.Contains(Bot.Logs, l => l.Contains(ticket.Number) && l.Contains("waits to be posted"));
        Assert.DoesNotContain(Channel.Requests, IsNewThread);

        await InstallInTeamAsync();
        var post = await PostedThreadAsync(ticket.Number);

        var card = CardTexts.Of(post.Body!.Value.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content"));
        Assert.Contains("Alex Wilber · Finance · London", card);
        Assert.Contains("P3", card);
        Assert.Contains("First response due", card);
        Assert.Contains("not helpful", card);
        Assert.Contains("Take", card);
        Assert.True(post.Body!.Value.GetProperty("isGroup").GetBoolean());
        await Poll.UntilAsync(async () => (await ThreadAsync(ticket.Number))?.State == QueueThreadState.Posted, "the thread is saved as posted");
        var thread = (await ThreadAsync(ticket.Number))!;
        Assert.StartsWith(QueueChannelId + ";messageid=", thread.ConversationId);
        Assert.Single(Channel.Requests, IsNewThread);
    }

    [Fact]
    public async Task UninstallingTheBotFromTheTeamMakesLaterEscalationsWaitUntilItIsBack()
    {
        await PeopleAsync();
        await InstallInTeamAsync();
        var removed = InTeam(ActivityTypes.ConversationUpdate, eventType: "teamMemberRemoved");
        removed.MembersRemoved = [new ChannelAccount(TeamsActivities.BotId)];
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(removed)).StatusCode);

        var ticket = await IncidentAsync();
        await Poll.UntilAsync(async () => (await ThreadAsync(ticket.Number))?.WaitingReason?.Contains("removed") == true, "it waits for a new install");

        await InstallInTeamAsync();
        await PostedThreadAsync(ticket.Number);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task AgentsPressingTakeAtTheSameMomentLeaveExactlyOneOwnerAndEveryoneIsAnswered(int agents)
    {
        await PeopleAsync();
        const int trials = 100;
        for (var trial = 0; trial < trials; trial++)
        {
            var ticket = await IncidentAsync($"Race {trial}");
            var presses = await Task.WhenAll(AgentIds.Take(agents).Select(id => PressAsync(QueueCard.TakeVerb, ticket.Number, id)));

            Assert.All(presses, p => Assert.Equal(HttpStatusCode.OK, p.Status));
            Assert.Single(presses, p => p.Card.Contains("is yours"));
            Assert.Equal(agents - 1, presses.Count(p => p.Card.Contains(" has it.")));
            var stored = await InDatabaseAsync(db => db.Set<Ticket>().Include(t => t.Journal).AsNoTracking().SingleAsync(t => t.Number == ticket.Number));
            Assert.Contains(stored.AssigneeId, AgentIds.Take(agents));
            Assert.Single(stored.Journal, e => e.Kind == JournalKind.Assigned);
            var winner = Array.FindIndex(presses, p => p.Card.Contains("is yours"));
            Assert.Equal(AgentIds[winner], stored.AssigneeId);
        }
    }

    [Fact]
    public async Task SomeoneWhoIsNoAgentIsRefusedPolitelyAndNothingChanges()
    {
        await PeopleAsync();
        var ticket = await IncidentAsync();

        var (status, card) = await PressAsync(QueueCard.TakeVerb, ticket.Number, Requester);
        var resolve = await PressAsync(QueueCard.ResolveVerb, ticket.Number, "29:stranger", new { resolution = "done" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(AgentActions.NotAnAgent, card);
        Assert.Contains(AgentActions.NotAnAgent, resolve.Card);
        var stored = await InDatabaseAsync(db => db.Set<Ticket>().AsNoTracking().SingleAsync(t => t.Number == ticket.Number));
        Assert.Equal((TicketState.New, (string?)null), (stored.State, stored.AssigneeId));
    }

    [Fact]
    public async Task AMemberOfTheQueuesTeamIsAnAgentByTheConnectorsRoster()
    {
        await PeopleAsync();
        Channel.Rosters[TeamId] = [new ChannelAccount("29:teammate", "Pat Team")];
        await InstallInTeamAsync();
        var ticket = await IncidentAsync();

        var (_, card) = await PressAsync(QueueCard.TakeVerb, ticket.Number, "29:teammate");

        Assert.Contains("is yours", card);
        Assert.Contains(Channel.Requests, r => r.Method == "GET" && r.Path.Contains("/members"));
    }

    [Fact]
    public async Task WorkingTheCardUpdatesItInPlaceAndResolvingTellsTheRequesterTheNote()
    {
        await PeopleAsync();
        await InstallInTeamAsync();
        var ticket = await IncidentAsync();
        await Poll.UntilAsync(async () => (await ThreadAsync(ticket.Number))?.State == QueueThreadState.Posted, "posted");
        var thread = (await ThreadAsync(ticket.Number))!;

        var priority = await PressAsync(QueueCard.PriorityVerb, ticket.Number, AgentIds[0], new { priority = "P2" });
        var assigned = await PressAsync(QueueCard.AssignVerb, ticket.Number, AgentIds[0], new { assignee = AgentIds[1] });
        var resolved = await PressAsync(QueueCard.ResolveVerb, ticket.Number, AgentIds[1], new { resolution = "Power-cycled the printer" });

        Assert.Contains("Priority is now P2", priority.Card);
        Assert.Contains("Assigned to Agent 2", assigned.Card);
        Assert.Contains("is resolved", resolved.Card);
        var stored = await InDatabaseAsync(db => db.Set<Ticket>().AsNoTracking().SingleAsync(t => t.Number == ticket.Number));
        Assert.Equal((TicketState.Resolved, TicketPriority.P2, AgentIds[1]), (stored.State, stored.Priority, stored.AssigneeId));
        await Poll.UntilAsync(() => Channel.Requests.Any(r => r.Method == "PUT" && Uri.UnescapeDataString(r.Path).Contains(thread.ConversationId!)
            && r.Activity.Attachments is [{ Content: { } content }, ..] && CardTexts.Of(content).Contains("Resolved")), "the card in the channel is replaced in place");
    }

    [Fact]
    public async Task OneChangeReplacesTheCardOnceThoughItWritesSeveralJournalEntries()
    {
        await PeopleAsync();
        await InstallInTeamAsync();
        var ticket = await IncidentAsync();
        await PostedThreadAsync(ticket.Number);
        await Poll.UntilAsync(async () => await InDatabaseAsync(db => db.Set<PendingTicketEvent>().AnyAsync()) == false, "the creation published");
        var before = Channel.Requests.Count;

        await PressAsync(QueueCard.TakeVerb, ticket.Number, AgentIds[0]); // assigned, and in progress: two entries

        await Poll.UntilAsync(async () => await InDatabaseAsync(db => db.Set<PendingTicketEvent>().AnyAsync()) == false, "the take published");
        var journal = await InDatabaseAsync(db => db.Set<Ticket>().AsNoTracking().Include(t => t.Journal).SingleAsync(t => t.Number == ticket.Number));
        Assert.True(journal.Journal.Count(e => e.At >= ticket.CreatedAt && e.Kind != JournalKind.Created) >= 2);
        var put = Assert.Single(Channel.Requests.Skip(before), r => r.Method == "PUT");
        Assert.Contains("Agent 1", CardTexts.Of(put.Activity.Attachments![0].Content!.Value));
    }

    [Fact]
    public async Task AnAgentResolvingGetsTheBadInputBackOnTheCardNotA500()
    {
        await PeopleAsync();
        var ticket = await IncidentAsync();

        var noNote = await PressAsync(QueueCard.ResolveVerb, ticket.Number, AgentIds[0], new { resolution = "  " });
        var badPriority = await PressAsync(QueueCard.PriorityVerb, ticket.Number, AgentIds[0], new { priority = "P9" });
        var unknown = await PressAsync(QueueCard.TakeVerb, "INC9999999", AgentIds[0]);

        Assert.Contains("Say what fixed it", noNote.Card);
        Assert.Contains("Pick a priority", badPriority.Card);
        Assert.Contains("no ticket INC9999999", unknown.Card);
        Assert.All(new[] { noNote, badPriority, unknown }, p => Assert.Equal(HttpStatusCode.OK, p.Status));
    }

    private async Task<string> SayInChannelAsync(string text, string from, bool mention = true)
    {
        var message = InTeam(ActivityTypes.Message, QueueChannelId, from: from);
        message.Text = mention ? $"<at>HelpdeskBot</at> {text}" : text;
        message.Entities = mention
            ? [ProtocolJson.FromElement<Entity>(ProtocolJson.ToElement(new { type = "mention", text = "<at>HelpdeskBot</at>", mentioned = new { id = TeamsActivities.BotId, name = "HelpdeskBot" } }))!]
            : null;
        var before = Channel.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(message)).StatusCode);
        if (!mention)
        {
            return "";
        }

        string? reply = null;
        await Poll.UntilAsync(() => (reply = Channel.Requests.Skip(before)
            .Where(r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(QueueChannelId) + "/activities") && r.Body is not null)
            .Select(r => r.Activity.Text).FirstOrDefault(t => t is not null)) is not null, $"the bot answers '{text}'");
        return reply!;
    }

    [Fact]
    public async Task InstalledInATeamTheBotTellsTheAgentsTheirCommandsNotTheEmployeesWelcome()
    {
        await PeopleAsync();
        await InstallInTeamAsync();
        RecordedRequest? hello = null;
        await Poll.UntilAsync(() => (hello = Channel.Requests.FirstOrDefault(r => r.Method == "POST"
            && r.Path.Contains(Uri.EscapeDataString("19:general@thread.tacv2") + "/activities"))) is not null, "the bot's hello in the channel");

        var help = await SayInChannelAsync("help", AgentIds[0]);

        Assert.Contains("@HelpdeskBot set queue Network", hello!.Activity.Text);
        Assert.True(hello.Activity.Attachments is null or { Count: 0 }, "not the 1:1 welcome card");
        Assert.Contains("@HelpdeskBot take INC0001001", help);
    }

    [Fact]
    public async Task AgentsWorkTheQueueWithCommandsInTheChannelAndOnlyWhenAddressed()
    {
        await PeopleAsync();
        await InstallInTeamAsync();
        var first = await IncidentAsync("VPN drops every hour");
        var second = await IncidentAsync("Outlook asks for my password");

        var queue = await SayInChannelAsync("queue", AgentIds[0]);
        var take = await SayInChannelAsync($"take {first.Number}", AgentIds[0]);
        var again = await SayInChannelAsync($"take {first.Number}", AgentIds[1]);
        var mine = await SayInChannelAsync("mine", AgentIds[0]);
        var status = await SayInChannelAsync($"status {first.Number}", AgentIds[1]);
        var resolve = await SayInChannelAsync($"resolve {second.Number} Reset the profile", AgentIds[1]);
        var stranger = await SayInChannelAsync("queue", Requester);
        var hello = await SayInChannelAsync("hi", Requester); // no command: answered like any question
        var before = Channel.Requests.Count;
        await SayInChannelAsync("anyone fancy lunch?", AgentIds[0], mention: false);

        Assert.Contains(first.Number, queue);
        Assert.Contains(second.Number, queue);
        Assert.Contains("is yours", take);
        Assert.Contains("already taken by Agent 1", again);
        Assert.Contains(first.Number, mine);
        Assert.DoesNotContain(second.Number, mine);
        Assert.Contains("with Agent 1", status);
        Assert.Contains("is resolved", resolve);
        Assert.Equal(AgentActions.NotAnAgent, stranger);
        Assert.Contains("Ask me an IT question", hello);
        Assert.DoesNotContain(Channel.Requests.Skip(before), r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(QueueChannelId) + "/activities"));
    }

    [Fact]
    public async Task OnlyAnAdminMakesAChannelAGroupsQueueAndItsTicketsGoThere()
    {
        await PeopleAsync(("adele@contoso.example", "Adele Vance", "29:adele", "admin"));
        await InstallInTeamAsync();

        var refused = await SayInChannelAsync("set queue Network", AgentIds[0]);
        var set = await SayInChannelAsync("set queue Network", "29:adele");
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var ticket = await scope.ServiceProvider.GetRequiredService<TicketService>().CreateAsync(
                new NewTicket(TicketKind.Incident, "Switch down", Requester, TicketImpact.High, TicketUrgency.High, AssignmentGroup: "Network"),
                SubmissionKey.Api("tests", "network-1"));
            await Poll.UntilAsync(async () => (await ThreadAsync(ticket.Number))?.State == QueueThreadState.Posted, "posted to the Network queue");
            Assert.Equal(QueueChannelId, (await ThreadAsync(ticket.Number))!.ChannelId);
        }

        Assert.Contains("Only a help desk admin", refused);
        Assert.Contains("now the queue of **Network**", set);
    }

    private const string AlexChat = "a:alex-personal";

    private async Task<HttpStatusCode> AlexSaysAsync(string text, string? id = null)
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, text, AlexChat);
        message.From = new ChannelAccount(Requester, "Alex Wilber");
        message.Id = id ?? message.Id;
        return (await Client.PostActivityAsync(message)).StatusCode;
    }

    private async Task AgentSaysInThreadAsync(string thread, string text, string from, string? id = null)
    {
        var message = InTeam(ActivityTypes.Message, thread, from: from);
        message.Text = text; // ChannelMessage.Read.Group: thread replies arrive without an @mention
        message.Id = id ?? message.Id;
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(message)).StatusCode);
    }

    private int SentTo(string conversation, string text) => Channel.Requests.Count(r => r.Method == "POST" && r.Body is not null
        && r.Path.Contains(Uri.EscapeDataString(conversation)) && r.Activity.Text?.Contains(text) == true);

    /// <summary>Alex has talked to the bot, asks for a person on an incident, and it is in the queue with its chat waiting.</summary>
    private async Task<(Ticket Ticket, string Thread)> WaitingChatAsync()
    {
        await PeopleAsync();
        await InstallInTeamAsync();
        Assert.Equal(HttpStatusCode.OK, await AlexSaysAsync("hi"));
        var ticket = await IncidentAsync();
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TicketService>().RecordHandoffAsync(ticket.Number, Requester, nameof(HandoffState.Waiting));
        }

        await Poll.UntilAsync(async () => await InDatabaseAsync(db => db.Set<Handoff>().AnyAsync(h => h.TicketNumber == ticket.Number))
            && (await ThreadAsync(ticket.Number))?.State == QueueThreadState.Posted, "the chat waits in the queue");
        await Poll.UntilAsync(() => Channel.Requests.Any(r => r.Method is "PUT" or "POST" && r.Body is { } b && b.GetRawText().Contains("Waiting for a chat")),
            "the card says it waits for a chat");
        return (ticket, (await ThreadAsync(ticket.Number))!.ConversationId!);
    }

    [Fact]
    public async Task AnAgentChatsWithTheRequesterThroughTheBotBothWaysWithNamesAndTheTranscriptInTheJournal()
    {
        var (ticket, thread) = await WaitingChatAsync();

        var (_, card) = await PressAsync(QueueCard.ChatVerb, ticket.Number, AgentIds[0]);
        Assert.Contains("You're chatting with Alex Wilber", card);
        await Poll.UntilAsync(() => SentTo(AlexChat, "Agent 1 (Service Desk) has joined") == 1, "Alex is told who joined");
        // The ticket's own notices of the join (its status card) go out first, off the request path.
        await Poll.UntilAsync(async () => !await InDatabaseAsync(db => db.Set<PendingTicketEvent>().AnyAsync()), "the ticket's changes published");

        var before = Channel.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, await AlexSaysAsync("my printer still says offline", "alex-1"));
        Assert.Equal(HttpStatusCode.OK, await AlexSaysAsync("my printer still says offline", "alex-1")); // Teams re-delivers
        await AgentSaysInThreadAsync(thread, "Try switching it off and on", AgentIds[0], "agent-1");
        await AgentSaysInThreadAsync(thread, "Try switching it off and on", AgentIds[0], "agent-1");
        await AgentSaysInThreadAsync(thread, "I think it is the network", "29:bystander"); // not an agent: stays in the thread

        Assert.Equal(1, SentTo(thread, "**Alex Wilber**: my printer still says offline"));
        Assert.Equal(1, SentTo(AlexChat, "**Agent 1 (Service Desk)**: Try switching it off and on"));
        Assert.Equal(0, SentTo(AlexChat, "network"));
        // The bot answered nothing itself in Alex's chat: no card, no article.
        Assert.DoesNotContain(Channel.Requests.Skip(before), r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(AlexChat)) && r.Body is { } b && b.TryGetProperty("attachments", out var a) && a.GetArrayLength() > 0);
        var journal = await InDatabaseAsync(db => db.Set<Ticket>().Include(t => t.Journal).AsNoTracking().SingleAsync(t => t.Number == ticket.Number));
        Assert.Equal([(Requester, "my printer still says offline"), (AgentIds[0], "Try switching it off and on")],
            journal.Journal.Where(e => e.Kind == JournalKind.Chat).OrderBy(e => e.Id).Select(e => (e.Actor, e.Text!)).ToArray());
        Assert.NotNull(journal.FirstRespondedAt);

        Assert.Equal(HttpStatusCode.OK, await AlexSaysAsync("end chat"));
        await Poll.UntilAsync(() => SentTo(AlexChat, "has ended") == 1 && SentTo(thread, "Chat ended by Alex Wilber") == 1, "both are told it ended");
        Assert.Equal(HttpStatusCode.OK, await AlexSaysAsync("hi"));
        await Poll.UntilAsync(() => SentTo(AlexChat, "Ask me an IT question") >= 2, "the bot answers Alex again");
        Assert.Equal(1, SentTo(thread, "my printer still says offline"));
    }

    [Fact]
    public async Task TakingATicketWaitingForAChatConnectsAndTheAgentEndsItFromTheThread()
    {
        var (ticket, thread) = await WaitingChatAsync();

        var (_, card) = await PressAsync(QueueCard.TakeVerb, ticket.Number, AgentIds[1]);
        await AgentSaysInThreadAsync(thread, "end chat", AgentIds[1]);

        Assert.Contains("is yours", card);
        Assert.Contains("You're chatting with Alex Wilber", card);
        await Poll.UntilAsync(() => SentTo(AlexChat, "has ended (Agent 2 (Service Desk) ended it)") == 1, "Alex is told the agent ended it");
        var handoff = await InDatabaseAsync(db => db.Set<Handoff>().AsNoTracking().SingleAsync(h => h.TicketNumber == ticket.Number));
        Assert.Equal(HandoffState.Ended, handoff.State);
    }

    [Fact]
    public async Task TalkToAHumanGoesFromTheOfferToTheQueueWaitingForAChatAndAnAgentPicksItUp()
    {
        await PeopleAsync();
        await InstallInTeamAsync();
        Assert.Equal(HttpStatusCode.OK, await AlexSaysAsync("my vpn keeps dropping"));
        var before = Channel.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, await AlexSaysAsync("talk to a human"));
        RecordedRequest? offer = null;
        await Poll.UntilAsync(() => (offer = Channel.Requests.Skip(before).FirstOrDefault(r => r.Body is { } b && b.GetRawText().Contains(HandoverOfferCard.YesVerb))) is not null, "the offer");
        var card = offer!.Activity.Attachments![0].Content!.Value;
        var yes = card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("verb").GetString() == HandoverOfferCard.YesVerb);
        var press = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new { action = new { type = "Action.Execute", verb = HandoverOfferCard.YesVerb, data = yes.GetProperty("data") } });
        press.From = new ChannelAccount(Requester, "Alex Wilber");
        press.Conversation = new ConversationAccount { Id = AlexChat, ConversationType = "personal", TenantId = TeamsActivities.TenantId };
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(press)).StatusCode);

        var number = await InDatabaseAsync(db => db.Set<Ticket>().Where(t => t.RequesterId == Requester).Select(t => t.Number).SingleAsync());
        await Poll.UntilAsync(() => Channel.Requests.Any(r => r.Method is "PUT" or "POST" && r.Body is { } b && b.GetRawText().Contains(number)
            && b.GetRawText().Contains("Waiting for a chat") && b.GetRawText().Contains(QueueCard.ChatVerb)
            && b.GetRawText().Contains("Last turns of the chat:") && b.GetRawText().Contains("- Asked: my vpn keeps dropping")),
            "the queue card shows the chat waiting and the last turns of the chat");
        var (_, joined) = await PressAsync(QueueCard.ChatVerb, number, AgentIds[0]);
        Assert.Contains("You're chatting with Alex Wilber", joined);
        Assert.Contains("my vpn keeps dropping", (await InDatabaseAsync(db => db.Set<Ticket>().AsNoTracking().SingleAsync(t => t.Number == number))).Description);
    }
}

public sealed class AgentQueueTests() : AgentQueueTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class AgentQueueTestsOnPostgreSQL() : AgentQueueTestsOn(TestDatabases.PostgreSQL);
