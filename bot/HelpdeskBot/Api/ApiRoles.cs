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

    /// <summary>Every role: what the open development mode grants.</summary>
    public static IReadOnlyList<string> All { get; } = [KnowledgeAuthor, PeopleAdmin, TicketsAgent, TicketsReader];
}
