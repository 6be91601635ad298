namespace HelpdeskBot.Api;

/// <summary>The roles an API key can hold, and the authorization policies that require them.</summary>
public static class ApiRoles
{
    /// <summary>Writes knowledge articles and reads drafts, versions and gaps.</summary>
    public const string KnowledgeAuthor = "kb-author";

    public const string KnowledgeAuthorPolicy = "KnowledgeAuthor";

    /// <summary>Reads and writes the people directory (names, emails, managers: personal data).</summary>
    public const string PeopleAdmin = "people-admin";

    public const string PeopleAdminPolicy = "PeopleAdmin";

    /// <summary>Reads and writes any ticket: creates, moves, assigns and comments (an integration or service desk tool).</summary>
    public const string TicketsAgent = "tickets-agent";

    public const string TicketsAgentPolicy = "TicketsAgent";

    /// <summary>Reads tickets and their journals (reporting, dashboards); an agent may read too.</summary>
    public const string TicketsReader = "tickets-reader";

    public const string TicketsReaderPolicy = "TicketsReader";

    /// <summary>Opens, updates and resolves outages and planned maintenance, and reads their delivery.</summary>
    public const string OutagesAgent = "outages";

    public const string OutagesAgentPolicy = "OutagesAgent";

    /// <summary>Writes the service map (services and who depends on them); an outages agent may read it.</summary>
    public const string ServicesAdmin = "services-admin";

    public const string ServicesAdminPolicy = "ServicesAdmin";

    /// <summary>Reads services and outages: any of the outage roles, or a tickets reader.</summary>
    public const string OutagesReaderPolicy = "OutagesReader";

    /// <summary>Monitoring posts alerts (Alertmanager, Azure Monitor, the generic form).</summary>
    public const string Alerts = "alerts";

    public const string AlertsPolicy = "Alerts";

    /// <summary>Every role: what the open development mode grants.</summary>
    public static IReadOnlyList<string> All { get; } = [KnowledgeAuthor, PeopleAdmin, TicketsAgent, TicketsReader, OutagesAgent, ServicesAdmin, Alerts];
}
