using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Tickets;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Agents;

public static class AgentsExtensions
{
    /// <summary>Agents in Teams: queues as channels, one card per ticket, who is an agent, and the card's actions.</summary>
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AgentsOptions>().BindConfiguration(AgentsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentsOptions>, AgentsOptionsValidator>();
        services.AddMemoryCache();
        services.AddScoped<QueueDirectory>();
        services.AddScoped<AgentDirectory>();
        services.AddScoped<QueueCards>();
        services.AddScoped<AgentActions>();
        services.AddScoped<AgentCommands>();
        services.AddScoped<Handoffs>();
        services.AddSingleton<QueuePoster>();
        services.AddHostedService(sp => sp.GetRequiredService<QueuePoster>());
        services.AddSingleton<ITicketEvents, QueueNotifier>();
        services.AddSingleton<IBotMiddleware, AgentTeamsMiddleware>();
        return builder;
    }
}

/// <summary>Every configured queue names its group once, with a team and a channel.</summary>
public sealed class AgentsOptionsValidator : IValidateOptions<AgentsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Queues.Count; i++)
        {
            var queue = options.Queues[i];
            if (string.IsNullOrWhiteSpace(queue.Group) || string.IsNullOrWhiteSpace(queue.TeamId) || string.IsNullOrWhiteSpace(queue.ChannelId))
            {
                failures.Add($"Agents:Queues:{i} needs Group, TeamId and ChannelId.");
            }
        }

        failures.AddRange(options.Queues.GroupBy(q => q.Group.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"Agents:Queues names the group '{g.Key}' {g.Count()} times; each group has one queue."));
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
