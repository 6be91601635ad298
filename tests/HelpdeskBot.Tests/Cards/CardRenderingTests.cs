using HelpdeskBot.Agents;
using HelpdeskBot.Catalog;
using HelpdeskBot.Chat;
using HelpdeskBot.Handover;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Outages;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tests.Catalog;
using HelpdeskBot.Requests;
using HelpdeskBot.Routing;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Tickets;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Tests.Cards;

/// <summary>
/// The bot's cards go through the official adaptivecards renderer in headless Chromium (tests/cards-render), which
/// fails a card on any parse or validation issue, a version above 1.5, or text that does not show.
/// </summary>
public class CardRenderingTests
{
    public static TheoryData<string> Cards =>
    [
        "welcome", "every-element", "answer", "answer-with-next-step", "generated-answer",
        "no-answer", "not-helpful", "intake-prefilled",
        "intake-password-reset", "intake-access-request", "intake-software-install", "intake-hardware-request",
        "intake-new-starter", "intake-report-incident", "intake-other-request", "intake-with-errors", "catalog-choice",
        "ticket-confirmation", "ticket-status", "ticket-resolved", "my-tickets", "approval", "approval-with-error", "approval-decided",
        "handover-offer", "handover-offer-no-question", "handover-reply", "handover-reply-closed", "handover-declined",
        "queue-card", "queue-card-approval-stuck",
        "outage-notice", "outage-deflection", "outage-resolved", "outage-maintenance", "outage-list", "outage-none", "outage-status", "outage-status-error",
        "route-choice", "route-chosen",
    ];

    private static AdaptiveCard Build(string name) => name switch
    {
        "welcome" => WelcomeCard.Build("Ada"),
        "every-element" => SampleCards.EveryElement(),
        "answer" => AnswerCard.Build(SampleCards.Answer(), "https://helpdesk.example.com"),
        "answer-with-next-step" => AnswerCard.Build(SampleCards.Answer(), "https://helpdesk.example.com", next: new("report-incident", "Report an incident")),
        "generated-answer" => GeneratedAnswerCard.Build(SampleCards.GeneratedAnswer(), SampleCards.Answer().Hits[0], "vpn wont connect", "https://helpdesk.example.com"),
        "no-answer" => NextStepCard.Build(KnowledgeAnswers.NoAnswer, "when is payday",
            [new("report-incident", "Report an incident"), new("other-request", "Other request")]),
        "not-helpful" => AnswerCard.Build(SampleCards.Answer(), "https://helpdesk.example.com", askForFeedback: false,
            thanks: KnowledgeAnswers.NotHelpful, next: new("report-incident", "Report an incident")),
        "intake-prefilled" => IntakeCard.Build(ShippedCatalog.Item("report-incident"),
            IntakeCard.FromMessage(ShippedCatalog.Item("report-incident"), "the payroll system is down <b>since 9</b>")),
        "intake-with-errors" => IntakeWithErrors(),
        "catalog-choice" => CatalogChoiceCard.Build(new CatalogMatcher(ShippedCatalog.Catalog).Match("request").Matches.Select(m => m.Item)),
        "ticket-confirmation" => TicketConfirmationCard.Build(PendingHardware()),
        "ticket-status" => TicketStatusCard.Build(TicketTestData.In(TicketState.InProgress), notice: "Your comment was added."),
        "ticket-resolved" => TicketStatusCard.Build(Resolved()),
        "queue-card" => QueueCard.Build(TicketTestData.In(TicketState.New), new QueueCard.Context(
            null, "Ada <b>Lovelace</b>", null, "Service Desk", [("29:megan", "Megan Bowen"), ("29:adele", "Adele Vance")], null,
            Handoff.Request("INC0001001", "29:ada", "msteams", "a:1", TicketTestData.Monday9)), notice: "INC0001001 is yours."),
        "queue-card-approval-stuck" => QueueCard.Build(PendingHardware(), new QueueCard.Context(
            null, "Ada Lovelace", "Megan Bowen", "Hardware", [], "Grace Hopper"), error: AgentActions.NotAnAgent),
        "my-tickets" => MyTicketsCard.Build([TicketTestData.In(TicketState.Pending), PendingHardware()]),
        "approval" => ApprovalCard.Build(PendingHardware(), "Ada Lovelace", ShippedCatalog.Item("hardware-request")),
        "approval-with-error" => ApprovalCard.Build(PendingHardware(), "Ada <b>Lovelace</b>", null, "Rejecting a request needs a reason."),
        "approval-decided" => Decided(),
        "handover-offer" => HandoverOfferCard.Build(new("0123456789abcdef01234567.0123456789abcdef0123456789abcdef", "vpn wont connect **from** <b>home</b>",
            ["Asked: vpn wont connect from home", "Bot answered with: VPN won't connect (vpn-cannot-connect)", "Marked not helpful: VPN won't connect (vpn-cannot-connect)"])),
        "handover-offer-no-question" => HandoverOfferCard.Build(new("0123456789abcdef01234567.0123456789abcdef0123456789abcdef", null, [])),
        "handover-reply" => HandoverReplyCard.Build(TicketTestData.In(TicketState.New), attached: false, HandoverReplyCard.AnswerBy("14:30"), null),
        "handover-reply-closed" => HandoverReplyCard.Build(TicketTestData.In(TicketState.InProgress), attached: true,
            HandoverReplyCard.AnswerBy("Mon 30 Nov 13:00 UTC"), HandoverReplyCard.Closed("Mon 30 Nov 09:00 UTC")),
        "handover-declined" => HandoverReplyCard.Message(HandoverChat.Declined),
        "outage-notice" => OutageCard.Build(SampleOutage(), ["Email / Outlook"], Now),
        "outage-deflection" => OutageCard.Build(SampleOutage(), ["Email / Outlook"], Now, deflected: true, reported: "outlook won't send <b>anything</b>"),
        "outage-resolved" => OutageCard.Build(SampleOutage(resolved: true), ["Email / Outlook", "Microsoft Teams"], Now),
        "outage-maintenance" => OutageCard.Build(Outage.Open(OutageKind.Maintenance, "SAP upgrade to S/4", ["sap"], "SAP is unavailable", "Megan Bowen", Now,
            Now.AddDays(1), Now.AddDays(1).AddHours(4), message: "SAP will be unavailable during the upgrade."), ["SAP"], Now),
        "route-choice" => RouteChoiceCard.Build([new MessageRoute(HelpdeskBot.Routing.Intents.Tickets, 0.6), new MessageRoute("hardware-request", 0.58, ShippedCatalog.Item("hardware-request")),
            new MessageRoute(HelpdeskBot.Routing.Intents.Person, 0.57)], "where is my **laptop** <b>request</b>"),
        "route-chosen" => RouteChoiceCard.Chosen("Hardware request"),
        "outage-list" => OutageCard.List([(SampleOutage(), ["Email / Outlook"]), (SampleOutage(), ["VPN"])], null, Now),
        "outage-none" => OutageCard.List([], "VPN", Now),
        "outage-status" => OutageStatusCard.Build(SampleOutage(), ["Email / Outlook"], new DeliveryCounts(10_000, 1_200, 8_700, 3, 97, 8_650, 41, 12), Now,
            notice: "Opened: everyone who depends on it is being told."),
        "outage-status-error" => OutageStatusCard.Build(SampleOutage(resolved: true), ["Email / Outlook"], new DeliveryCounts(3, 0, 3, 0, 0, 3, 1, 0), Now,
            error: "OUT1000001 is resolved; open a new outage if it is happening again."),
        _ when name.StartsWith("intake-", StringComparison.Ordinal) => IntakeCard.Build(ShippedCatalog.Item(name["intake-".Length..])),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static readonly DateTimeOffset Now = TicketTestData.Monday9;

    // An email outage from an alert (its text untrusted: markup stays text), updated once; resolved when asked.
    private static Outage SampleOutage(bool resolved = false)
    {
        var outage = Outage.Open(OutageKind.Outage, "Mail flow is down <b>since 9</b> **really**", ["email"], "Messages are queued, not delivered",
            "monitoring (alertmanager)", Now.AddHours(-1), message: "Opened by an alert from alertmanager: MailFlow");
        outage.Update(OutageStatus.Identified, null, "A certificate expired on the mail gateway", "Megan Bowen", Now.AddMinutes(-30));
        if (resolved)
        {
            outage.Update(OutageStatus.Resolved, null, "The certificate was renewed; mail is flowing.", "Megan Bowen", Now);
        }

        return outage;
    }

    // Every field type prefilled (one value invalid, one far too long) with errors under the fields and on the form.
    private static AdaptiveCard IntakeWithErrors()
    {
        var item = ShippedCatalog.Item("hardware-request");
        var submitted = new Dictionary<string, string?>
        {
            ["items"] = "laptop,dock", ["quantity"] = "9", ["replacement"] = "true", ["neededBy"] = "tomorrow", ["deliverTo"] = new string('x', 100 * 1024),
        };
        var result = IntakeValidator.Validate(item, submitted);
        var errors = new Dictionary<string, string>(result.Errors) { [IntakeResult.FormError] = "Please check the answers below." };
        return IntakeCard.Build(item, result.Submitted, errors);
    }

    // Resolved with a note and rated: the card shows both, with "Change your rating" and "Still broken".
    private static Ticket Resolved()
    {
        var ticket = TicketTestData.In(TicketState.InProgress);
        ticket.MoveTo(TicketState.Resolved, TicketTestData.Agent, "Replaced the toner <b>cartridge</b>", TicketTestData.DefaultPolicy, TicketTestData.Monday9.AddDays(1));
        ticket.Rate(TicketTestData.Requester, 4, "Quick, thanks", TicketTestData.Monday9.AddDays(2));
        return ticket;
    }

    private static Ticket PendingHardware() => Ticket.Create("REQ0001002",
        new NewTicket(TicketKind.Request, "Hardware request", TicketTestData.Requester, TicketImpact.Low, TicketUrgency.Medium,
            CatalogItemId: "hardware-request", ApproverId: TicketTestData.Approver,
            Fields: """{"items":"laptop,dock","quantity":"1","deliverTo":"London, desk 42 **not bold** <script>x</script>"}"""),
        SubmissionKey.Chat("key-2"), TicketTestData.DefaultPolicy, TicketTestData.Monday9);

    private static AdaptiveCard Decided()
    {
        var ticket = PendingHardware();
        ticket.DecideApproval(TicketTestData.Approver, approved: false, "Laptops are refreshed in March", TicketTestData.DefaultPolicy, TicketTestData.Monday9.AddHours(1));
        return ApprovalCard.Decided(ticket, "Ada Lovelace", ShippedCatalog.Item("hardware-request"));
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task TheCardRendersCleanlyInTheOfficialRenderer(string name)
    {
        var harness = RepositoryRoot.Combine("tests", "cards-render");
        Assert.True(Directory.Exists(Path.Combine(harness, "node_modules", "adaptivecards")),
            "The renderer is not installed: run `npm ci` in tests/cards-render (.ci/run does).");
        var folder = Directory.CreateTempSubdirectory("cards-");
        try
        {
            var json = System.Text.Json.JsonSerializer.Serialize(Build(name), ProtocolJson.Options);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"{name}.json"), json);

            await using var node = ExternalProcess.Start("node", ["render.mjs", folder.FullName], harness);
            var exitCode = await node.WaitForExitAsync(TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0, $"The renderer flagged the card:\n{node.Output}");
            Assert.Contains("\"ok\":true", node.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
