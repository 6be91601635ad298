using HelpdeskBot.People;
using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Connector;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Agents;

/// <summary>
/// Who may work tickets: a person with the agent (or admin) role in the people directory, or a member of the queue's
/// team (the connector's members API, cached for <see cref="AgentsOptions.RosterCacheExpiry"/>).
/// </summary>
public sealed class AgentDirectory(
    PeopleDirectory people, QueueDirectory queues, ConnectorClientFactory connectors, TrustedServiceUrls trustedUrls,
    IMemoryCache cache, IOptions<AgentsOptions> options, ILogger<AgentDirectory> logger)
{
    public async Task<bool> IsAgentAsync(string userId, string group, CancellationToken cancellationToken)
    {
        if (await people.FindByTeamsIdAsync(userId, cancellationToken) is { } person &&
            (person.HasRole(PersonRoles.Agent) || person.HasRole(PersonRoles.Admin)))
        {
            return true;
        }

        return (await queues.FindAsync(group, cancellationToken)).Queue is { } queue &&
               (await RosterAsync(queue.Team, cancellationToken)).Contains(userId);
    }

    public async Task<bool> IsAdminAsync(string userId, CancellationToken cancellationToken) =>
        await people.FindByTeamsIdAsync(userId, cancellationToken) is { } person && person.HasRole(PersonRoles.Admin);

    /// <summary>The team's members' ids; empty (and logged) when the connector cannot say.</summary>
    public async Task<IReadOnlySet<string>> RosterAsync(AgentTeam team, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("roster", team.TeamId), out IReadOnlySet<string>? roster) && roster is not null)
        {
            return roster;
        }

        try
        {
            if (team.Authenticated)
            {
                trustedUrls.Trust(team.ServiceUrl);
            }

            var members = await connectors.Create(team.ServiceUrl).GetConversationMembersAsync(team.TeamId, cancellationToken);
            roster = members.Select(m => m.Id).OfType<string>().ToHashSet();
            cache.Set(("roster", team.TeamId), roster, options.Value.RosterCacheExpiry);
            return roster;
        }
        catch (Exception ex) when (ex is HttpRequestException or ConnectorException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not read the roster of team {TeamId}: {Reason}", team.TeamId, ex.Message);
            return new HashSet<string>();
        }
    }
}
