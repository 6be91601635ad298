using System.Text.Json;
using System.Text.RegularExpressions;
using HelpdeskBot.Agents;
using HelpdeskBot.Catalog;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Requests;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Outages;

/// <summary>
/// Outages in chat. For employees: "is there an outage?" and "is the VPN down?" list what is known; a problem report on
/// a service with an active outage gets the outage instead of a new incident (deflection: <b>I'm affected too</b> or
/// <b>This is something else</b>); "subscribe to vpn" and "unsubscribe from email". For agents (in a queue channel with
/// an @mention, or 1:1): <c>outage vpn The VPN gateway is down</c> opens one with its agents' card, <c>outages</c> lists them.
/// </summary>
public sealed partial class OutageChat(
    HelpdeskDbContext db, OutageService outages, ServiceMatcher matcher, PeopleDirectory people, AgentDirectory agents,
    ServiceCatalog catalog, CardTokens cardTokens, TimeProvider time, ILogger<OutageChat> logger)
{
    public const string ReportItemId = "report-incident";

    public static bool Handles(string? verb) => verb is OutageCard.AffectedVerb or OutageCard.OtherVerb || OutageStatusCard.Handles(verb);

    /// <summary>An employee's message about outages or subscriptions, or an agent's outage command; false when it is neither.</summary>
    public async Task<bool> TryHandleAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (text.Length is 0 or > MaxText)
        {
            return false;
        }

        if (await TryCommandAsync(turn, text, cancellationToken))
        {
            return true;
        }

        if (ServiceMatcher.IsOutageQuestion(text) || text.Trim().Equals("outages", StringComparison.OrdinalIgnoreCase))
        {
            await StatusAsync(turn, text, cancellationToken);
            return true;
        }

        return ServiceMatcher.LooksLikeProblem(text) && await TryDeflectAsync(turn, text, reportUnknown: true, cancellationToken);
    }

    private const int MaxText = 500;

    /// <summary>An agent's "outage vpn ..." or anyone's "subscribe to vpn" / "unsubscribe from email"; false when it is neither.</summary>
    public async Task<bool> TryCommandAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (text.Length is 0 or > MaxText)
        {
            return false;
        }

        if (OpenCommand().Match(text.Trim()) is { Success: true } open)
        {
            return await OpenFromChatAsync(turn, open.Groups["service"].Value, open.Groups["title"].Value, cancellationToken);
        }

        return Subscription().Match(text.Trim()) is { Success: true } subscription
            && await SubscribeAsync(turn, subscription.Groups["off"].Success, subscription.Groups["service"].Value, cancellationToken);
    }

    /// <summary>"is the vpn down?": the active outages on the service the message names, else all of them.</summary>
    public async Task StatusAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var named = await matcher.ServicesInAsync(text, cancellationToken);
        var active = await outages.ActiveAsync(named.Count == 1 ? named[0] : null, cancellationToken);
        var about = named.Count == 1 ? await NameOfServiceAsync(named[0], cancellationToken) : null;
        await SendAsync(turn, OutageCard.List(await WithNamesAsync(active), about, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// A problem on a service with an active outage gets the outage instead (true). With <paramref name="reportUnknown"/>,
    /// one that says a whole service is out while no outage is known gets the incident form with the service filled in.
    /// </summary>
    public async Task<bool> TryDeflectAsync(TurnContext turn, string text, bool reportUnknown, CancellationToken cancellationToken)
    {
        if (text.Length is 0 or > MaxText)
        {
            return false;
        }

        var services = await matcher.ServicesInAsync(text, cancellationToken);
        if (services.Count == 0)
        {
            return false;
        }

        foreach (var service in services)
        {
            if ((await outages.ActiveAsync(service, cancellationToken)).FirstOrDefault() is { } outage)
            {
                await DeflectAsync(turn, outage, text, cancellationToken);
                return true;
            }
        }

        if (reportUnknown && ServiceMatcher.SaysServiceIsOut(text) && catalog.Find(ReportItemId) is { } report)
        {
            // "email is down for everyone": no outage is known, so the service desk should hear of it.
            var name = await NameOfServiceAsync(services[0], cancellationToken);
            await turn.SendActivityAsync($"I don't know of an outage on {name} right now. Tell the service desk what happens and they'll look at it:", cancellationToken);
            await SendAsync(turn, await ReportFormAsync(turn, report, text, services[0], cancellationToken), cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>The incident form with what was written and, when the message names one, the service filled in.</summary>
    public async Task<AdaptiveCard> ReportFormAsync(TurnContext turn, CatalogItem report, string? text, string? serviceId, CancellationToken cancellationToken)
    {
        serviceId ??= text is { Length: > 0 and <= MaxText } && await matcher.ServicesInAsync(text, cancellationToken) is [var only] ? only : null;
        var token = await cardTokens.IssueAsync(turn.Activity.From?.Id ?? "", report.Id, cancellationToken);
        var prefilled = IntakeCard.FromMessage(report, text)?.ToDictionary() ?? [];
        if (serviceId is not null && report.FindField("service") is not null)
        {
            prefilled["service"] = serviceId;
        }

        return IntakeCard.Build(report, prefilled, token: token);
    }

    /// <summary>
    /// "stop sending me email outage notices", "keep me posted on sharepoint": notices on or off for the services named;
    /// with none named, which ones the person has chosen.
    /// </summary>
    public async Task SubscriptionAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var services = text.Length <= MaxText ? await matcher.ServicesInAsync(text, cancellationToken) : [];
        if (services.Count > 0)
        {
            await SubscribeAsync(turn, StopsNotices().IsMatch(text), services, cancellationToken);
            return;
        }

        var person = await PersonAsync(turn.Activity, cancellationToken);
        var chosen = person is null ? [] : await db.Set<ServiceSubscription>().AsNoTracking()
            .Where(s => s.PersonId == person.Id).OrderBy(s => s.ServiceId).ToListAsync(cancellationToken);
        var on = chosen.Where(s => s.Subscribed).Select(s => s.ServiceId).ToList();
        var off = chosen.Where(s => !s.Subscribed).Select(s => s.ServiceId).ToList();
        var example = on.FirstOrDefault() ?? off.FirstOrDefault() ?? "vpn";
        await turn.SendActivityAsync(
            (on.Count > 0 ? $"You asked for outage notices about {string.Join(", ", on)}. " : "You get outage notices about the services you use. ") +
            (off.Count > 0 ? $"You turned them off for {string.Join(", ", off)}. " : "") +
            $"Type **subscribe to {example}** or **unsubscribe from {example}** to change that.", cancellationToken);
    }

    /// <summary>The outage instead of a new incident; their notice is this card from now on, unless they have one.</summary>
    public async Task DeflectAsync(TurnContext turn, Outage outage, string? reported, CancellationToken cancellationToken)
    {
        var card = OutageCard.Build(outage, await OutageBroadcaster.ServiceNamesAsync(db, outage), time.GetUtcNow(), deflected: true, reported: reported);
        var sent = await SendAsync(turn, card, cancellationToken);
        await outages.CountDeflectionAsync(outage, cancellationToken);
        logger.LogInformation("Activity {ActivityId}: answered with outage {OutageNumber} instead of a new incident", turn.Activity.Id, outage.Number);
        if (await PersonAsync(turn.Activity, cancellationToken) is { } person && Place(turn.Activity, sent.Id) is { } place)
        {
            await outages.BindCardAsync(outage, person.Id, place, cancellationToken);
        }
    }

    /// <summary>A deflection card for the incident form's submit: the form's data goes on "This is something else".</summary>
    public async Task<AdaptiveCard?> DeflectFormAsync(string serviceId, JsonElement submitted, CancellationToken cancellationToken)
    {
        if ((await outages.ActiveAsync(serviceId, cancellationToken)).FirstOrDefault() is not { } outage)
        {
            return null;
        }

        await outages.CountDeflectionAsync(outage, cancellationToken);
        var card = OutageCard.Build(outage, await OutageBroadcaster.ServiceNamesAsync(db, outage), time.GetUtcNow(), deflected: true);
        var data = System.Text.Json.Nodes.JsonNode.Parse(submitted.GetRawText())!.AsObject();
        data[SeenOutageKey] = outage.Id;
        card.Actions = [card.Actions[0], ActionExecute.Create("This is something else", IntakeCard.SubmitVerb, data)];
        return card;
    }

    /// <summary>The key a form's submit carries once its outage was shown, so "This is something else" files it.</summary>
    public const string SeenOutageKey = "outageSeen";

    public async Task<AdaptiveCard> ExecuteAsync(TurnContext turn, string verb, JsonElement? data, CancellationToken cancellationToken)
    {
        // Any JSON may come back in a card's data: only a whole number is an outage's id.
        var id = data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("outage", out var o) && o.ValueKind == JsonValueKind.Number && o.TryGetInt32(out var n) ? n : 0;
        var outage = id > 0 ? await outages.FindAsync(id, cancellationToken) : null;
        if (outage is null)
        {
            return Message("That outage doesn't exist (any more). Type **is there an outage?** to see what's going on.", problem: true);
        }

        var userId = turn.Activity.From?.Id ?? "";
        switch (verb)
        {
            case OutageCard.AffectedVerb:
                var person = await PersonAsync(turn.Activity, cancellationToken);
                if (person is null)
                {
                    return Message("I couldn't tell who you are, so you weren't counted. Type **hi** and try again.", problem: true);
                }

                await outages.AffectedAsync(outage, person, Place(turn.Activity, turn.Activity.ReplyToId), cancellationToken);
                var counts = await outages.CountsAsync(outage, cancellationToken);
                return OutageCard.Build(outage, await OutageBroadcaster.ServiceNamesAsync(db, outage), time.GetUtcNow(),
                    notice: $"Thanks, you're counted ({counts.Affected} affected so far). This card changes as we learn more.");
            case OutageCard.OtherVerb:
                return catalog.Find(ReportItemId) is { } report
                    ? IntakeCard.Build(report, IntakeCard.FromMessage(report, CardData.String(data, "text")),
                        token: await cardTokens.IssueAsync(userId, report.Id, cancellationToken))
                    : Message("Type **report an incident** to tell the service desk.");
        }

        if (!await agents.IsAgentAsync(userId, AgentsOptions.ServiceDesk, cancellationToken))
        {
            return Message(AgentActions.NotAnAgent, problem: true);
        }

        string? notice = null, error = null;
        try
        {
            var author = await people.NameOfAsync(userId, userId, cancellationToken);
            if (verb == OutageStatusCard.UpdateVerb)
            {
                var status = Enum.TryParse<OutageStatus>(CardData.String(data, OutageStatusCard.StatusInput), ignoreCase: true, out var s) ? s : (OutageStatus?)null;
                var revision = outage.Revision;
                outage = (await outages.UpdateAsync(outage.Id, status, null, CardData.String(data, OutageStatusCard.MessageInput), author, cancellationToken))!;
                notice = outage.Revision > revision ? "Updated: everyone's card is being changed." : "Nothing changed: pick a status or write a message.";
            }
            else if (verb == OutageStatusCard.ResolveVerb)
            {
                outage = (await outages.UpdateAsync(outage.Id, OutageStatus.Resolved, null, CardData.String(data, OutageStatusCard.MessageInput) ?? "Resolved.", author, cancellationToken))!;
                notice = "Resolved: everyone affected is being told.";
            }
        }
        catch (Exception e) when (e is OutageStateException or OutageInputException)
        {
            error = e.Message;
        }

        if (turn.Activity.ReplyToId is { Length: > 0 } cardId && Place(turn.Activity, cardId) is { } place && outage.StatusCardActivityId is null)
        {
            await RememberStatusCardAsync(outage.Id, place, cancellationToken);
        }

        return OutageStatusCard.Build(outage, await OutageBroadcaster.ServiceNamesAsync(db, outage), await outages.CountsAsync(outage, cancellationToken), time.GetUtcNow(), notice, error);
    }

    private async Task<bool> OpenFromChatAsync(TurnContext turn, string serviceWords, string title, CancellationToken cancellationToken)
    {
        var userId = turn.Activity.From?.Id ?? "";
        if (!await agents.IsAgentAsync(userId, AgentsOptions.ServiceDesk, cancellationToken))
        {
            return false; // not an agent: "outage email down" is a question like any other
        }

        var services = await matcher.ServicesInAsync(serviceWords, cancellationToken);
        if (services.Count == 0)
        {
            await turn.SendActivityAsync($"I don't know the service \"{serviceWords.Trim()}\". The service map has: {string.Join(", ", await db.Set<ServiceDefinition>().AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken))}.", cancellationToken);
            return true;
        }

        var author = await people.NameOfAsync(userId, userId, cancellationToken);
        try
        {
            var outage = await outages.OpenAsync(new NewOutage(title.Trim().Length > 0 ? title.Trim() : $"{serviceWords.Trim()} is not working", services), author, cancellationToken);
            var card = OutageStatusCard.Build(outage, await OutageBroadcaster.ServiceNamesAsync(db, outage), await outages.CountsAsync(outage, cancellationToken), time.GetUtcNow(),
                notice: "Opened: everyone who depends on it is being told.");
            var sent = await SendAsync(turn, card, cancellationToken);
            if (Place(turn.Activity, sent.Id) is { } place)
            {
                await RememberStatusCardAsync(outage.Id, place, cancellationToken);
            }
        }
        catch (OutageInputException e)
        {
            await turn.SendActivityAsync(e.Message, cancellationToken);
        }

        return true;
    }

    private async Task<bool> SubscribeAsync(TurnContext turn, bool off, string serviceWords, CancellationToken cancellationToken)
    {
        var services = await matcher.ServicesInAsync(serviceWords, cancellationToken);
        if (services.Count == 0)
        {
            return false; // "subscribe to the newsletter": not ours
        }

        await SubscribeAsync(turn, off, services, cancellationToken);
        return true;
    }

    private async Task SubscribeAsync(TurnContext turn, bool off, IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        if (await PersonAsync(turn.Activity, cancellationToken) is not { } person)
        {
            await turn.SendActivityAsync("I couldn't tell who you are, so nothing changed. Type **hi** and try again.", cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        foreach (var service in services)
        {
            var existing = await db.Set<ServiceSubscription>().SingleOrDefaultAsync(s => s.ServiceId == service && s.PersonId == person.Id, cancellationToken);
            if (existing is null)
            {
                db.Add(ServiceSubscription.Create(service, person.Id, !off, now));
            }
            else
            {
                existing.Set(!off, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var names = string.Join(", ", await Task.WhenAll(services.Select(s => NameOfServiceAsync(s, cancellationToken))));
        await turn.SendActivityAsync(off
            ? $"Done: no more outage notices about {names}. Type **subscribe to {services[0]}** to get them again."
            : $"Done: I'll tell you about outages and maintenance on {names}. Type **unsubscribe from {services[0]}** to stop.", cancellationToken);
    }

    private async Task RememberStatusCardAsync(int outageId, CardPlace place, CancellationToken cancellationToken)
    {
        await db.Set<Outage>().Where(o => o.Id == outageId).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.StatusCardChannelId, place.ChannelId)
            .SetProperty(o => o.StatusCardServiceUrl, place.ServiceUrl)
            .SetProperty(o => o.StatusCardConversationId, place.ConversationId)
            .SetProperty(o => o.StatusCardActivityId, place.ActivityId), cancellationToken);
    }

    private async Task<IReadOnlyList<(Outage, IReadOnlyList<string>)>> WithNamesAsync(IReadOnlyList<Outage> active)
    {
        var list = new List<(Outage, IReadOnlyList<string>)>();
        foreach (var outage in active)
        {
            list.Add((outage, await OutageBroadcaster.ServiceNamesAsync(db, outage)));
        }

        return list;
    }

    private async Task<string> NameOfServiceAsync(string id, CancellationToken cancellationToken) =>
        await db.Set<ServiceDefinition>().AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) ?? id;

    private Task<Person?> PersonAsync(Activity activity, CancellationToken cancellationToken) =>
        activity.From?.Id is { Length: > 0 and <= Person.MaxIdLength } id ? people.FindByTeamsIdAsync(id, cancellationToken) : Task.FromResult<Person?>(null);

    private static CardPlace? Place(Activity activity, string? activityId) =>
        activityId is { Length: > 0 } && activity.Conversation?.Id is { } conversation && activity.ServiceUrl is { } url
            ? new CardPlace(activity.ChannelId ?? "", url, conversation, activityId)
            : null;

    private static async Task<ResourceResponse> SendAsync(TurnContext turn, AdaptiveCard card, CancellationToken cancellationToken) =>
        await turn.SendActivityAsync(Activity.CreateMessage(null, card.ToAttachment()), cancellationToken);

    private static AdaptiveCard Message(string text, bool problem = false) => new()
    {
        Body = [new TextBlock(text) { Color = problem ? TextColor.Attention : null }],
        FallbackText = text,
    };

    [GeneratedRegex(@"^outage\s+(?<service>[\w-]+)(?:\s+(?<title>.{0,200}))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex OpenCommand();

    // "subscribe to vpn", "notify me about sap outages", "unsubscribe from email", "stop outage notices for teams"
    // (a bare "stop printing" is no unsubscribe).
    [GeneratedRegex(@"^(?:(?<off>unsubscribe(?:\s+from)?|unfollow|stop\s+(?:outage\s+)?(?:notices|notifications|alerts)\s+(?:for|about|on|from))|(?:subscribe|follow|notify\s+me)(?:\s+(?:to|about|of|on))?)\s+(?<service>.{1,100}?)(?:\s+(?:outages?|notices|notifications|alerts))?[.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex Subscription();

    // "stop sending me ...", "unsubscribe", "turn off", "no more", "don't want", "opt out": notices off.
    [GeneratedRegex(@"\b(?:stop|unsubscribe|unfollow|turn\s+off|switch\s+off|mute|no\s+more|opt\s+out|don'?t\s+(?:want|need|send)|do\s+not\s+(?:want|need|send)|not\s+interested)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StopsNotices();
}
