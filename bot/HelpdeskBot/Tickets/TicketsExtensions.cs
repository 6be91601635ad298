using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tickets;

public static class TicketsExtensions
{
    /// <summary>The ticket lifecycle: options, policy, service, the dispatcher publishing saved changes, SLA monitor, and a log line for every ticket event (other subscribers add their own <see cref="ITicketEvents"/>).</summary>
    public static IHostApplicationBuilder AddTickets(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TicketsOptions>().BindConfiguration(TicketsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TicketsOptions>, TicketsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => TicketPolicy.From(sp.GetRequiredService<IOptions<TicketsOptions>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITicketEvents, LoggingTicketEvents>());
        services.AddScoped<TicketService>();
        services.AddSingleton<TicketEventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketEventDispatcher>());
        services.AddSingleton<SlaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaMonitor>());
        return builder;
    }
}
