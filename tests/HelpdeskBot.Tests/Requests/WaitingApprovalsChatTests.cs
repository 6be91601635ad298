using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Catalog;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Requests;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Requests;

/// <summary>
/// Approvals that can't be delivered yet, over /api/messages: the request is filed anyway, the approval is journalled
/// stuck once, the card goes out when the approver first talks to the bot or installs it, and the service desk can
/// name another approver. Cards go out in the background, so these tests wait (with a deadline) for the fake channel.
/// </summary>
public sealed class WaitingApprovalsChatTests() : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Bot:Retry:MaxRetries"] = "0", // a conversation that cannot be reached is given up on at once
}))
{
    private const string Requester = TeamsActivities.UserId;
    private const string Grace = "29:grace";
    private const string GraceChat = "a:personal-grace";

    private static string Texts(JsonElement card) => CardTexts.Of(card);

    private static JsonElement CardOf(Activity activity) =>
        activity.Attachments!.Single(a => a.ContentType == Attachment.AdaptiveCardContentType).Content!.Value;

    private static bool IsCardContaining(RecordedRequest request, string text) =>
        request.Body is { } body && body.TryGetProperty("attachments", out _) && Texts(CardOf(request.Activity)).Contains(text, StringComparison.Ordinal);

    private static bool Says(RecordedRequest request, string text) => request.Activity.Text?.Contains(text, StringComparison.Ordinal) == true;

    private async Task<RecordedRequest> ReceivedAsync(Func<RecordedRequest, bool> match, int after = 0)
    {
        for (var count = after + 1; ; count++)
        {
            if ((await Channel.WaitForRequestsAsync(count)).Skip(after).FirstOrDefault(match) is { } found)
            {
                return found;
            }
        }
    }

    private async Task PeopleAsync(params PersonRecord[] more)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
        [
            (2, new PersonRecord("ada@contoso.example", "Ada Lovelace", ManagerEmail: "grace@contoso.example", TeamsId: Requester)),
            .. more.Select((person, i) => (i + 3, person)),
        ], PersonSource.Csv, default);
    }

    private Activity Click(string verb, JsonObject data, string userId = Requester, string conversationId = "a:personal-1")
    {
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb, data = JsonSerializer.Deserialize<JsonElement>(data.ToJsonString()) },
        });
        invoke.From = new ChannelAccount(userId, userId);
        invoke.Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = TeamsActivities.TenantId };
        invoke.ReplyToId = "card-1";
        return invoke;
    }

    private async Task<string> ClickAsync(Activity click)
    {
        var body = await (await Client.PostActivityAsync(click)).Content.ReadFromJsonAsync<JsonElement>();
        return Texts(body.GetProperty("value"));
    }

    /// <summary>Ada says hello, opens the hardware form and submits it; returns her confirmation card.</summary>
    private async Task<string> FileLaptopRequestAsync()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hello"));
        await Channel.WaitForRequestsAsync(1);
        var form = await (await Client.PostActivityAsync(Click(CatalogChoiceCard.OpenVerb, new JsonObject { ["item"] = "hardware-request" })))
            .Content.ReadFromJsonAsync<JsonElement>();
        var data = JsonNode.Parse(form.GetProperty("value").GetProperty("actions")[0].GetProperty("data").GetRawText())!.AsObject();
        (data["items"], data["quantity"], data["deliverTo"]) = ("laptop", "1", "London, desk 42");
        return await ClickAsync(Click(IntakeCard.SubmitVerb, data));
    }

    /// <summary>Grace's activity in her own 1:1 chat, as Teams sends it.</summary>
    private Activity FromGrace(Activity activity)
    {
        activity.From = new ChannelAccount(Grace, "Grace Hopper") { AadObjectId = "aad-grace" };
        activity.Conversation = new ConversationAccount { Id = GraceChat, ConversationType = "personal", TenantId = TeamsActivities.TenantId };
        return activity;
    }

    private async Task<Ticket> TicketAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TicketService>().FindByNumberAsync("REQ0001001"))!;
    }

    private static JsonObject About(string number, params (string Key, string Value)[] more)
    {
        var data = new JsonObject { ["ticket"] = number };
        foreach (var (key, value) in more) data[key] = value;
        return data;
    }

    [Fact]
    public async Task AManagerWhoNeverTalkedToTheBotGetsTheCardWithTheirFirstMessageAndApprovesIt()
    {
        await PeopleAsync(new PersonRecord("grace@contoso.example", "Grace Hopper", AadObjectId: "aad-grace"));

        var confirmation = await FileLaptopRequestAsync();

        Assert.Contains("REQ0001001 — Laptop × 1", confirmation);
        await ReceivedAsync(r => Says(r, "I couldn't reach Grace Hopper, who approves REQ0001001"));
        var stuck = Assert.Single((await TicketAsync()).Journal, e => e.Kind == JournalKind.ApprovalStuck);
        Assert.Equal(("grace@contoso.example", Ticket.SystemActor), (stuck.To, stuck.Actor));
        Assert.Contains("has not talked to the bot yet", stuck.Text);
        var before = Channel.Requests.Count;

        await Client.PostActivityAsync(FromGrace(TeamsActivities.Message(Channel.ServiceUrl, "hi")));

        var card = await ReceivedAsync(r => IsCardContaining(r, "Approval needed"), before);
        Assert.Contains($"/{GraceChat}/", Uri.UnescapeDataString(card.Path));
        await ReceivedAsync(r => Says(r, "Grace Hopper has the approval request for REQ0001001 (Laptop × 1) now; nothing more is needed"), before);
        var mallory = await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0001001"), "29:mallory"));
        var approved = await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0001001"), Grace, GraceChat));
        Assert.Contains("Only the approver named on this request", mallory);
        Assert.Contains("Approved", approved);
        var ticket = await TicketAsync();
        Assert.Equal((ApprovalState.Approved, Grace), (ticket.Approval, ticket.Journal.Single(e => e.Kind == JournalKind.Approval).Actor));
        Assert.Single(ticket.Journal, e => e.Kind == JournalKind.ApprovalStuck);
    }

    [Fact]
    public async Task AnApproverNoChatReachedGetsTheWaitingCardWhenTheAppIsInstalledForThem()
    {
        await PeopleAsync(new PersonRecord("grace@contoso.example", "Grace Hopper", TeamsId: Grace));
        Channel.RefuseWhen = r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal) ? 403 : null;
        await FileLaptopRequestAsync();
        await ReceivedAsync(r => Says(r, "I couldn't reach Grace Hopper, who approves REQ0001001"));
        Channel.RefuseWhen = null;
        var before = Channel.Requests.Count;

        var install = FromGrace(TeamsActivities.Message(Channel.ServiceUrl, ""));
        (install.Type, install.Text, install.Action) = (ActivityTypes.InstallationUpdate, null, "add");
        await Client.PostActivityAsync(install);

        var card = await ReceivedAsync(r => IsCardContaining(r, "Approval needed"), before);
        Assert.Contains($"/{GraceChat}/", Uri.UnescapeDataString(card.Path));
        Assert.Contains(ApprovalCard.ApproveVerb, Texts(CardOf(card.Activity)));
        Assert.Single((await TicketAsync()).Journal, e => e.Kind == JournalKind.ApprovalStuck);
    }

    [Fact]
    public async Task AnOrdinaryMessageFromAKnownApproverSendsNoCardAgain()
    {
        await PeopleAsync(new PersonRecord("grace@contoso.example", "Grace Hopper", TeamsId: Grace));
        await FileLaptopRequestAsync();
        await ReceivedAsync(r => IsCardContaining(r, "Approval needed"));
        await Client.PostActivityAsync(FromGrace(TeamsActivities.Message(Channel.ServiceUrl, "hi")));
        await ReceivedAsync(r => Says(r, "Hi Grace Hopper"));

        var before = Channel.Requests.Count;

        await Client.PostActivityAsync(FromGrace(TeamsActivities.Message(Channel.ServiceUrl, "hello")));
        await ReceivedAsync(r => Says(r, "Hi Grace Hopper"), before);

        Assert.Single(Channel.Requests, r => IsCardContaining(r, "Approval needed"));
        Assert.DoesNotContain((await TicketAsync()).Journal, e => e.Kind == JournalKind.ApprovalStuck);
    }

    [Fact]
    public async Task NamingAnotherApproverSendsThemTheCardRetiresTheOldOneAndTellsTheRequester()
    {
        await PeopleAsync(
            new PersonRecord("grace@contoso.example", "Grace Hopper", TeamsId: Grace),
            new PersonRecord("alan@contoso.example", "Alan Turing", TeamsId: "29:alan"));
        await FileLaptopRequestAsync();
        var graceCard = await ReceivedAsync(r => IsCardContaining(r, "Approval needed"));
        var before = Channel.Requests.Count;

        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TicketService>().ChangeApproverAsync("REQ0001001", "alan@contoso.example", "29:agent", "Grace is on leave");
        }

        var retired = await ReceivedAsync(r => r.Method == "PUT" && IsCardContaining(r, "Alan Turing approves it now: nothing for you to decide"), before);
        Assert.Equal(graceCard.Path.Split('/')[^2], retired.Path.Split('/')[^3]);
        var created = await ReceivedAsync(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal), before);
        Assert.Equal("29:alan", created.Body!.Value.GetProperty("members")[0].GetProperty("id").GetString());
        await ReceivedAsync(r => r.Method == "POST" && IsCardContaining(r, "Approval needed"), before);
        await ReceivedAsync(r => Says(r, "Alan Turing approves REQ0001001 (Laptop × 1) now."), before);
        Assert.Contains("Only the approver named on this request", await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0001001"), Grace, GraceChat)));
        Assert.Contains("Approved", await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0001001"), "29:alan", "a:alan")));
    }
}
