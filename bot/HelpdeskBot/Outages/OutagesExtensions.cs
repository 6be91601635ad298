using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

public static class OutagesExtensions
{
    /// <summary>Outage notices: the service map, outages and maintenance, monitoring alerts, the broadcast, and deflection in chat.</summary>
    public static IHostApplicationBuilder AddOutages(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OutagesOptions>().BindConfiguration(OutagesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutagesOptions>, OutagesOptionsValidator>();
        services.AddMemoryCache();
        services.AddScoped<ServiceMap>();
        services.AddScoped<ServiceMatcher>();
        services.AddScoped<OutageService>();
        services.AddScoped<AlertIntake>();
        services.AddScoped<OutageChat>();
        services.AddSingleton<BroadcastWriteGate>();
        services.AddSingleton<BroadcastRateBudget>();
        services.AddSingleton<OutageBroadcaster>();
        services.AddHostedService<ServiceMapStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<OutageBroadcaster>());
        services.AddSingleton<OutageScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<OutageScheduler>());
        return builder;
    }
}

/// <summary>The broadcast's settings and the configured channels make sense together.</summary>
public sealed class OutagesOptionsValidator : IValidateOptions<OutagesOptions>
{
    public ValidateOptionsResult Validate(string? name, OutagesOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Channels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Channels[i].TeamId) || string.IsNullOrWhiteSpace(options.Channels[i].ChannelId))
            {
                failures.Add($"Outages:Channels:{i} needs TeamId and ChannelId.");
            }
        }

        if (options.MaintenanceNoticesBefore.Any(t => t < TimeSpan.Zero || t > TimeSpan.FromDays(30)))
        {
            failures.Add("Outages:MaintenanceNoticesBefore: each between 0 and 30 days.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
