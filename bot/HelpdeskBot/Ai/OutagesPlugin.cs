using System.ComponentModel;
using HelpdeskBot.Outages;
using HelpdeskBot.Requests;
using Microsoft.SemanticKernel;

namespace HelpdeskBot.Ai;

/// <summary>The outages and running maintenance the help desk has announced, for the chat model.</summary>
public sealed class OutagesPlugin(OutageService outages)
{
    public const string PluginName = "outages";

    public const string None = "No outage or maintenance is active.";

    [KernelFunction("active_outages")]
    [Description("The outages and running maintenance the help desk knows of now: number, services hit, status, impact and since when.")]
    public async Task<string> ActiveAsync(CancellationToken cancellationToken)
    {
        var active = await outages.ActiveAsync(null, cancellationToken);
        return active.Count == 0 ? None : string.Join("\n", active.Select(o =>
            $"{o.Number} ({o.Kind}): {o.Title}. Services: {string.Join(", ", o.Services)}. Status: {o.Status}. " +
            $"Impact: {o.Impact ?? "not given"}. Since {TicketText.Time(o.StartedAt)}."));
    }
}
