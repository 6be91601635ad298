using System.Diagnostics;

namespace HelpdeskBot.Observability;

/// <summary>
/// The bot's spans (<see cref="SourceName"/>): a turn, and the knowledge search inside it. The request to
/// <c>/api/messages</c> and the Connector calls are traced by the ASP.NET Core and HttpClient instrumentation, so a
/// turn's trace reads request → turn → search, Connector calls.
/// </summary>
public static class HelpdeskTracing
{
    public const string SourceName = "HelpdeskBot";

    public static readonly ActivitySource Source = new(SourceName);
}
