using System.Text.Json;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Terminal;

/// <summary>
/// The terminal's side of the conversation: what the bot sends to the terminal's connector is printed here, and
/// the actions of the latest card are kept so the user can pick one by number.
/// </summary>
public sealed class TerminalChannel(TextWriter output)
{
    private readonly Lock _lock = new();
    private int _nextId;

    /// <summary>The actions the user can pick, by number, with the card (activity id) each came from.</summary>
    public List<(JsonElement Action, string CardActivityId, List<JsonElement> Inputs)> Actions { get; } = [];

    public TextWriter Output => output;

    /// <summary>Shows an activity the bot sent; returns the id the terminal gave it.</summary>
    public string Receive(Activity activity, string? updatesId = null)
    {
        lock (_lock)
        {
            var id = updatesId ?? $"terminal-{Interlocked.Increment(ref _nextId)}";
            if (activity.IsType(ActivityTypes.Typing))
            {
                return id;
            }

            if (!string.IsNullOrWhiteSpace(activity.Text))
            {
                output.WriteLine($"bot> {activity.Text}");
            }

            foreach (var card in (activity.Attachments ?? []).Where(a => a.ContentType == Attachment.AdaptiveCardContentType))
            {
                ShowCard(card.Content!.Value, id, updated: updatesId is not null);
            }

            return id;
        }
    }

    /// <summary>Shows a card (new, or replacing the one with <paramref name="activityId"/>) and makes its actions current.</summary>
    public void ShowCard(JsonElement card, string activityId, bool updated, List<JsonElement>? parentInputs = null)
    {
        lock (_lock)
        {
            Actions.Clear();
            var rendered = CardText.Render(card);
            output.WriteLine(updated ? "bot> (card updated)" : "bot> (card)");
            output.Write(rendered.Text);
            var inputs = (parentInputs ?? []).Concat(rendered.Inputs).ToList();
            Actions.AddRange(rendered.Actions.Select(a => (a, activityId, inputs)));
            if (Actions.Count > 0)
            {
                output.WriteLine("     (type a number to choose an action)");
            }
        }
    }

    public void Say(string text)
    {
        lock (_lock)
        {
            output.WriteLine(text);
        }
    }
}
