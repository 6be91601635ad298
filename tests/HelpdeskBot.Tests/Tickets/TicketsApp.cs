using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>The app with its own database, a manual clock and recorded ticket events; one per test.</summary>
public abstract class TicketsApp : IAsyncLifetime
{
    protected TicketsApp(Dictionary<string, string?>? settings = null)
    {
        App = new HelpdeskBotFactory(settings, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ITicketEvents>(Events);
        });
    }

    protected HelpdeskBotFactory App { get; }
    protected ManualTimeProvider Clock { get; } = new(TicketTestData.Monday9);
    protected RecordingTicketEvents Events { get; } = new();

    public Task InitializeAsync()
    {
        _ = App.Services; // starts the host: migrates the database, starts the SLA monitor
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Runs <paramref name="action"/> with a fresh scope's TicketService, as one request would.</summary>
    protected async Task<T> WithTicketsAsync<T>(Func<TicketService, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TicketService>());
    }

    /// <summary>
    /// Waits (polling, with a deadline) until every saved change has been published: the dispatcher deletes a
    /// change's outbox row after all subscribers have had it.
    /// </summary>
    protected Task WaitForPublishedAsync() =>
        Poll.UntilAsync(async () => !await WithDbAsync(db => db.Set<PendingTicketEvent>().AnyAsync()), "every saved ticket change is published");

    protected async Task<T> WithDbAsync<T>(Func<HelpdeskDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>());
    }
}
