using HelpdeskBot.Catalog;
using HelpdeskBot.Outages;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Requests;
using HelpdeskBot.Tickets;
using Microsoft.SemanticKernel;

namespace HelpdeskBot.Ai;

/// <summary>
/// The help desk's plugins for the chat model, made per turn and bound to the person asking: their own tickets, the
/// active outages, and the catalog's forms to prepare. A prepared form reaches the person as the usual intake card,
/// filled in; only their submit files it.
/// </summary>
public sealed class ChatTools(TicketService tickets, OutageService outages, ServiceCatalog catalog, RequestsChat requests)
{
    public TurnTools For(TurnContext turn)
    {
        var forms = new CatalogFormPlugin(catalog);
        List<KernelPlugin> plugins =
        [
            KernelPluginFactory.CreateFromObject(new OutagesPlugin(outages), OutagesPlugin.PluginName),
            KernelPluginFactory.CreateFromObject(forms, CatalogFormPlugin.PluginName),
        ];
        if (turn.Activity.From?.Id is { Length: > 0 } requesterId)
        {
            plugins.Add(KernelPluginFactory.CreateFromObject(new TicketStatusPlugin(tickets, requesterId), TicketStatusPlugin.PluginName));
        }

        return new TurnTools(plugins, forms);
    }

    /// <summary>The form the model prepared this turn, as its intake card with the model's answers in it.</summary>
    public async Task SendPreparedFormAsync(TurnContext turn, TurnTools tools, CancellationToken cancellationToken)
    {
        if (tools.Forms.Prepared is { } form)
        {
            await requests.OpenIntakeAsync(turn, form.Item, form.Values, cancellationToken);
        }
    }
}
