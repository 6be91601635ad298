using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Tests.Protocol;

public class MiddlewareSetTests
{
    private sealed class Recording(List<string> log, string name, bool callNext = true) : IBotMiddleware
    {
        public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            log.Add($"{name} before");
            if (callNext)
            {
                await next(cancellationToken);
            }

            log.Add($"{name} after");
        }
    }

    private static TurnContext Turn() =>
        new(new NullAdapter(), new Activity { Type = ActivityTypes.Message }, new EmptyServices());

    [Fact]
    public async Task MiddlewareRunsInOrderAroundTheBot()
    {
        var log = new List<string>();
        var set = new MiddlewareSet([new Recording(log, "a"), new Recording(log, "b")]);

        await set.RunAsync(Turn(), (_, _) => { log.Add("bot"); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(["a before", "b before", "bot", "b after", "a after"], log);
    }

    [Fact]
    public async Task MiddlewareThatDoesNotCallNextEndsTheTurn()
    {
        var log = new List<string>();
        var set = new MiddlewareSet([new Recording(log, "gate", callNext: false), new Recording(log, "never")]);

        await set.RunAsync(Turn(), (_, _) => { log.Add("bot"); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(["gate before", "gate after"], log);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private sealed class NullAdapter : BotAdapter
    {
        public override Task<ResourceResponse[]> SendActivitiesAsync(
            TurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
            Task.FromResult(activities.Select(_ => new ResourceResponse()).ToArray());

        public override Task<ResourceResponse> UpdateActivityAsync(
            TurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
            Task.FromResult(new ResourceResponse());

        public override Task DeleteActivityAsync(TurnContext turnContext, string activityId, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
