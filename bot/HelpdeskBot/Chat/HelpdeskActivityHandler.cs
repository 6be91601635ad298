using System.Text.Json;
using HelpdeskBot.Agents;
using HelpdeskBot.Conversations;
using HelpdeskBot.Handover;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Outages;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;
using HelpdeskBot.Requests;

namespace HelpdeskBot.Chat;

/// <summary>The help desk's conversation: welcome on install, help on request, and honesty about the rest.</summary>
public sealed class HelpdeskActivityHandler(
    WelcomeTracker welcomes, KnowledgeAnswers answers, RequestsChat requests, PeopleDirectory people, HandoverChat handover,
    AgentActions agentActions, AgentCommands agentCommands, Handoffs handoffs, OutageChat outages) : ActivityHandler
{
    public const string CannotHelpYet =
        "Sorry, I can't help with that yet. Type **help** to see what I can do today.";

    private static readonly string[] HelpWords = ["help", "?", "start", "menu", "what can you do"];
    private static readonly string[] Greetings = ["hi", "hello", "hey", "hiya", "hi there", "hello there", "good morning", "good afternoon", "morning"];

    /// <summary>A greeting gets a line back, not the whole help card: that is what "help" is for.</summary>
    public static string Greeting(string? name) =>
        $"Hi{(name is { Length: > 0 } ? " " + name : "")}! Ask me an IT question in your own words (\"vpn won't connect\"), " +
        "ask for what you need (\"new laptop please\"), or type **help** to see everything I can do.";

    protected override async Task OnMessageActivityAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.GetTextWithoutBotMention();
        if (text.Length == 0 && turnContext.Activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            await OnCardSubmitAsync(turnContext, value, cancellationToken);
            return;
        }

        if (AgentCommands.IsChannel(turnContext.Activity))
        {
            // With ChannelMessage.Read.Group every channel message arrives, most of them people talking to each other:
            // the bot takes a live chat's thread replies, and otherwise only what is addressed to it (an agent's
            // command first, else a question like any other).
            if (await handoffs.TryRelayFromAgentAsync(turnContext, text, cancellationToken))
            {
                return; // a live chat's thread: the agent's reply goes to the requester
            }

            if (!MentionsBot(turnContext.Activity) || await agentCommands.TryChannelCommandAsync(turnContext, text, cancellationToken))
            {
                return;
            }
        }

        if (await handoffs.TryRelayFromRequesterAsync(turnContext, text, cancellationToken))
        {
            return; // handed to an agent: the bot says nothing itself but "end chat"
        }

        if (await agentCommands.TryMyQueueAsync(turnContext, text, cancellationToken))
        {
            return;
        }

        if (IsHelp(text))
        {
            await SendWelcomeAsync(turnContext, cancellationToken);
            return;
        }

        if (Greetings.Contains(Bare(text)))
        {
            await turnContext.SendActivityAsync(Greeting(await NameOfSenderAsync(turnContext, cancellationToken)), cancellationToken);
            return;
        }

        if (text.Length == 0)
        {
            await turnContext.SendActivityAsync(CannotHelpYet, cancellationToken);
            return;
        }

        // Asking for a person wins over catalog matching and search: "talk to a human" is no new starter.
        if (HandoverPhrases.AsksForPerson(text))
        {
            await handover.OfferAsync(turnContext, handover.LastQuestion(turnContext), cancellationToken);
            return;
        }

        // Outages before catalog matching and search: "email is down" is answered with the outage, not an article.
        if (await outages.TryHandleAsync(turnContext, text, cancellationToken))
        {
            return;
        }

        if (SmallTalk.ReplyTo(text) is { } reply)
        {
            await turnContext.SendActivityAsync(reply, cancellationToken);
            return;
        }

        var route = await requests.RouteAsync(turnContext, text, cancellationToken);
        if (route.IsAnswered)
        {
            return;
        }

        // A question or a problem: the same one reported again gets the offer after the answer.
        var again = handover.RememberQuestion(turnContext, text);
        var otherwise = "had no article for it";
        if (route.KnowledgeFirst is { } item)
        {
            // A problem the knowledge base may solve: its answer with the form as the next step, else the form.
            if (!await answers.TryAnswerAsync(turnContext, text, new AnswerCard.NextStep(item.Id, item.Title), cancellationToken))
            {
                await requests.OpenIntakeAsync(turnContext, item, text, cancellationToken);
                otherwise = $"had no article for it and opened the {item.Title} form";
            }
        }
        else
        {
            await answers.AnswerAsync(turnContext, text, cancellationToken);
        }

        handover.RememberAnswer(turnContext, otherwise);
        if (again)
        {
            await handover.OfferAsync(turnContext, text, cancellationToken);
        }
    }

    // Clients without Action.Execute send the card's Action.Submit fallback: the answer comes as a new message.
    protected override Task OnCardSubmitAsync(TurnContext turnContext, JsonElement value, CancellationToken cancellationToken) =>
        (value.TryGetProperty(ActionExecute.FallbackVerbKey, out var verb) && verb.ValueKind == JsonValueKind.String ? verb.GetString() : null) switch
        {
            WelcomeCard.HelpVerb => SendWelcomeAsync(turnContext, cancellationToken),
            AnswerCard.FeedbackVerb => FeedbackSubmitAsync(turnContext, value, cancellationToken),
            { } handoverVerb when HandoverChat.Handles(handoverVerb) => handover.SubmitAsync(turnContext, handoverVerb, value, cancellationToken),
            { } requestVerb when RequestsChat.Handles(requestVerb) => requests.SubmitAsync(turnContext, requestVerb, value, cancellationToken),
            { } outageVerb when OutageChat.Handles(outageVerb) => SendCardAsync(turnContext, outages.ExecuteAsync(turnContext, outageVerb, value, cancellationToken)),
            { } agentVerb when AgentActions.Handles(agentVerb) => SendCardAsync(turnContext,
                agentActions.ExecuteAsync(turnContext.Activity.From?.Id, agentVerb, value, cancellationToken)),
            _ => turnContext.SendActivityAsync(CannotHelpYet, cancellationToken),
        };

    protected override async Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardActionExecuteAsync(
        AdaptiveCardInvokeValue invokeValue, TurnContext turnContext, CancellationToken cancellationToken) =>
        invokeValue.Action?.Verb switch
        {
            WelcomeCard.HelpVerb => AdaptiveCardInvokeResponse.Card(WelcomeCard.Build(await NameOfSenderAsync(turnContext, cancellationToken))),
            AnswerCard.FeedbackVerb => await FeedbackAsync(turnContext, invokeValue.Action.Data, cancellationToken),
            { } verb when HandoverChat.Handles(verb) => AdaptiveCardInvokeResponse.Card(
                await handover.ExecuteAsync(turnContext, verb, invokeValue.Action.Data, cancellationToken)),
            { } verb when RequestsChat.Handles(verb) => AdaptiveCardInvokeResponse.Card(
                await requests.ExecuteAsync(turnContext, verb, invokeValue.Action.Data, cancellationToken)),
            { } verb when OutageChat.Handles(verb) => AdaptiveCardInvokeResponse.Card(
                await outages.ExecuteAsync(turnContext, verb, invokeValue.Action.Data, cancellationToken)),
            { } verb when AgentActions.Handles(verb) => AdaptiveCardInvokeResponse.Card(
                await agentActions.ExecuteAsync(turnContext.Activity.From?.Id, verb, invokeValue.Action.Data, cancellationToken)),
            _ => AdaptiveCardInvokeResponse.Error(400, "UnknownAction", "That button doesn't do anything yet."),
        };

    // "Not helpful" twice in a row: the offer follows the card that replaces the answer.
    private async Task<AdaptiveCardInvokeResponse> FeedbackAsync(TurnContext turnContext, JsonElement? data, CancellationToken cancellationToken)
    {
        var response = await answers.OnFeedbackAsync(data, cancellationToken);
        await handover.OnFeedbackAsync(turnContext, data, cancellationToken);
        return response;
    }

    private async Task FeedbackSubmitAsync(TurnContext turnContext, JsonElement value, CancellationToken cancellationToken)
    {
        await answers.OnFeedbackSubmitAsync(turnContext, value, cancellationToken);
        await handover.OnFeedbackAsync(turnContext, value, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(
        IReadOnlyList<ChannelAccount> membersAdded, TurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var botAdded = membersAdded.Any(m => m.Id == activity.Recipient?.Id);
        // A user joining a 1:1 chat (how emulators and the Playground announce it) is greeted; one joining a team is not.
        var userAddedToPersonalChat = activity.Conversation?.ConversationType is null or "personal" &&
            activity.Conversation?.IsGroup != true && membersAdded.Any(m => m.Id != activity.Recipient?.Id);
        if (botAdded || userAddedToPersonalChat)
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    protected override Task OnInstallationUpdateAddAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turnContext, cancellationToken);

    protected override Task OnInstallationUpdateRemoveAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        welcomes.ForgetAsync(turnContext.Activity.ChannelId ?? "", turnContext.Activity.Conversation!.Id!, cancellationToken);

    private async Task WelcomeOnceAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (await welcomes.TryClaimWelcomeAsync(activity.ChannelId ?? "", activity.Conversation!.Id!, cancellationToken))
        {
            // A team's channel is where agents work: they get their commands, not the employee's welcome card.
            if (AgentCommands.IsChannel(activity))
            {
                await turnContext.SendActivityAsync(AgentCommands.ChannelHelp(activity.Recipient?.Name), cancellationToken);
                return;
            }

            await SendWelcomeAsync(turnContext, cancellationToken);
        }
    }

    private async Task SendWelcomeAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(
            Activity.CreateMessage(null, WelcomeCard.Build(await NameOfSenderAsync(turnContext, cancellationToken)).ToAttachment()),
            cancellationToken);

    // The directory's name first, so the terminal, the Playground (whose install names nobody) and Teams greet one
    // person by one name; else the name the channel sent.
    private async Task<string?> NameOfSenderAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.From is { Id: { Length: > 0 } id } from
            ? await people.NameOfAsync(id, from.Name ?? "", cancellationToken) is { Length: > 0 } name ? name : null
            : null;

    private static async Task SendCardAsync(TurnContext turnContext, Task<AdaptiveCard> card) =>
        await turnContext.SendActivityAsync(Activity.CreateMessage(null, (await card).ToAttachment()));

    // Teams sends channel messages only with an @mention, unless the app has ChannelMessage.Read.Group: then all.
    private static bool MentionsBot(Activity activity) =>
        activity.GetMentions().Any(m => m.Mentioned.Id == activity.Recipient?.Id)
        || activity.Recipient?.Name is { Length: > 0 } name && (activity.Text ?? "").Contains($"<at>{name}</at>", StringComparison.OrdinalIgnoreCase);

    private static bool IsHelp(string text) => HelpWords.Contains(Bare(text)) || text.Trim() == "?";

    private static string Bare(string text) => text.Trim().TrimEnd('!', '.', '?', ',').ToLowerInvariant();
}
