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
using HelpdeskBot.Routing;

namespace HelpdeskBot.Chat;

/// <summary>The help desk's conversation: welcome on install, help on request, and honesty about the rest.</summary>
public sealed class HelpdeskActivityHandler(
    WelcomeTracker welcomes, KnowledgeAnswers answers, RequestsChat requests, PeopleDirectory people, HandoverChat handover,
    AgentActions agentActions, AgentCommands agentCommands, Handoffs handoffs, OutageChat outages, MessageRouter router,
    Catalog.ServiceCatalog catalog, ILogger<HelpdeskActivityHandler> logger) : ActivityHandler
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

        // Commands: "subscribe to vpn", an agent's "outage vpn ...", "my tickets", "status REQ0001001", "request".
        if (await outages.TryCommandAsync(turnContext, text, cancellationToken) || await requests.TryCommandAsync(turnContext, text, cancellationToken))
        {
            return;
        }

        if (SmallTalk.ReplyTo(text) is { } reply)
        {
            await turnContext.SendActivityAsync(reply, cancellationToken);
            return;
        }

        if (router.UsesModel)
        {
            var route = router.Route(text, cancellationToken);
            logger.LogInformation("Activity {ActivityId} routed to {Intent} ({Score:0.00})", turnContext.Activity.Id, route.Item?.Id ?? route.Intent, route.Score);
            await FollowAsync(turnContext, route, text, cancellationToken);
            return;
        }

        // Without the model, the keyword rules: outages before catalog matching and search ("email is down" is
        // answered with the outage, not an article), then the catalog's keywords, then the knowledge base.
        if (await outages.TryHandleAsync(turnContext, text, cancellationToken))
        {
            return;
        }

        var requestRoute = await requests.RouteAsync(turnContext, text, cancellationToken);
        if (!requestRoute.IsAnswered)
        {
            await AnswerAsync(turnContext, text, requestRoute.KnowledgeFirst, formIfUnanswered: true, cancellationToken);
        }
    }

    /// <summary>Takes the message where the router sent it (or where the person chose on its card).</summary>
    private async Task FollowAsync(TurnContext turnContext, MessageRoute route, string text, CancellationToken cancellationToken)
    {
        switch (route)
        {
            case { IsChoice: true }:
                await turnContext.SendActivityAsync(Activity.CreateMessage(null, RouteChoiceCard.Build(route.Choices, text).ToAttachment()), cancellationToken);
                return;
            case { Item: { } item }:
                if (item.Id == OutageChat.ReportItemId)
                {
                    // Something broken: the outage when one is known on the service, else the form with it filled in.
                    if (!await outages.TryDeflectAsync(turnContext, text, reportUnknown: false, cancellationToken))
                    {
                        await turnContext.SendActivityAsync(Activity.CreateMessage(null,
                            (await outages.ReportFormAsync(turnContext, item, text, null, cancellationToken)).ToAttachment()), cancellationToken);
                    }

                    return;
                }

                await requests.OpenIntakeForAsync(turnContext, item, text, cancellationToken);
                return;
            case { Intent: Intents.Person }:
                await handover.OfferAsync(turnContext, handover.LastQuestion(turnContext), cancellationToken);
                return;
            case { Intent: Intents.Outage }:
                // "email is down for everyone in my team" tells, not asks: the outage if one is known, else the form.
                if (!RoutingCues.IsQuestion(text) && await outages.TryDeflectAsync(turnContext, text, reportUnknown: true, cancellationToken))
                {
                    return;
                }

                await outages.StatusAsync(turnContext, text, cancellationToken);
                return;
            case { Intent: Intents.Subscribe }:
                await outages.SubscriptionAsync(turnContext, text, cancellationToken);
                return;
            case { Intent: Intents.Tickets }:
                await requests.MyTicketsAsync(turnContext, cancellationToken);
                return;
            case { Intent: Intents.SmallTalk }:
                await turnContext.SendActivityAsync(
                    SmallTalk.ReplyTo(text) ?? SmallTalk.AboutMe(await NameOfSenderAsync(turnContext, cancellationToken)), cancellationToken);
                return;
            case { Intent: Intents.Decline }:
                await turnContext.SendActivityAsync(OutOfScope, cancellationToken);
                return;
            default:
                // A question, or a problem the knowledge base may solve; a known outage on the service comes first.
                if (ServiceMatcher.LooksLikeProblem(text) && await outages.TryDeflectAsync(turnContext, text, reportUnknown: false, cancellationToken))
                {
                    return;
                }

                await AnswerAsync(turnContext, text, route.NextStep, route.FormIfUnanswered, cancellationToken);
                return;
        }
    }

    public const string OutOfScope =
        "That's not something IT looks after, so I can't help with it here: HR, payroll, facilities and travel have their own teams. " +
        "Ask me anything about your computer, accounts, apps or access, or type **help** to see what I can do.";

    /// <summary>
    /// The knowledge base's answer, with <paramref name="nextStep"/>'s form as its button. Without an answer, that form
    /// opens for a problem reported (<paramref name="formIfUnanswered"/>); a question gets "no answer" with its button.
    /// </summary>
    private async Task AnswerAsync(
        TurnContext turnContext, string text, Catalog.CatalogItem? nextStep, bool formIfUnanswered, CancellationToken cancellationToken)
    {
        // The same question or problem reported again gets the offer after the answer.
        var again = handover.RememberQuestion(turnContext, text);
        var otherwise = "had no article for it";
        if (nextStep is { } offered && !formIfUnanswered)
        {
            await answers.AnswerAsync(turnContext, text, new AnswerCard.NextStep(offered.Id, offered.Title), cancellationToken);
        }
        else if (nextStep is { } item)
        {
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

    /// <summary>"Which do you mean?" answered: the message goes where the person chose, and the card says which.</summary>
    private async Task<AdaptiveCard> ChooseAsync(TurnContext turnContext, JsonElement? data, CancellationToken cancellationToken)
    {
        var intent = CardData.String(data, "intent");
        var message = CardData.String(data, "message") ?? "";
        var route = catalog.Find(intent) is { } item ? new MessageRoute(item.Id, 1, item)
            : intent is { } builtIn && Intents.BuiltIn.Contains(builtIn) ? new MessageRoute(builtIn, 1)
            : null;
        if (route is null || message.Length == 0)
        {
            return RequestErrorCard.Build("That choice is no longer on offer. Ask me again in your own words.");
        }

        await FollowAsync(turnContext, route, message, cancellationToken);
        return RouteChoiceCard.Chosen(RouteChoiceCard.Title(route));
    }

    // Clients without Action.Execute send the card's Action.Submit fallback: the answer comes as a new message.
    protected override Task OnCardSubmitAsync(TurnContext turnContext, JsonElement value, CancellationToken cancellationToken) =>
        (value.TryGetProperty(ActionExecute.FallbackVerbKey, out var verb) && verb.ValueKind == JsonValueKind.String ? verb.GetString() : null) switch
        {
            WelcomeCard.HelpVerb => SendWelcomeAsync(turnContext, cancellationToken),
            RouteChoiceCard.ChooseVerb => SendCardAsync(turnContext, ChooseAsync(turnContext, value, cancellationToken)),
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
            RouteChoiceCard.ChooseVerb => AdaptiveCardInvokeResponse.Card(await ChooseAsync(turnContext, invokeValue.Action.Data, cancellationToken)),
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
