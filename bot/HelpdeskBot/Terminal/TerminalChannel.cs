using System.Collections.Concurrent;
using System.Text.Json;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Terminal;

/// <summary>
/// The terminal's side of the conversations: what the bot sends to the terminal's connector is printed here (under
/// a header when it went to someone other than the terminal user), and the actions of the latest card are kept so
/// the user can pick one by number.
/// </summary>
/// <param name="ansi">Bold in ANSI on a real terminal; plain text when the output is piped.</param>
public sealed class TerminalChannel(TextWriter output, bool ansi = false)
{
    public const string OneOnOnePrefix = "terminal-1on1-";

    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, TerminalConversation> _conversations =
        new() { [Main.Id] = Main };

    private int _nextId;
    private string? _prompt;
    private List<Action>? _held;

    /// <summary>The terminal user's own conversation.</summary>
    public static TerminalConversation Main { get; } = new(TerminalChat.ConversationId, TerminalChat.User);

    /// <summary>The actions the user can pick, by number.</summary>
    public List<TerminalAction> Actions { get; } = [];

    public TextWriter Output => output;

    /// <summary>
    /// The 1:1 conversation with <paramref name="member"/>, the same one each time; the terminal user's is the main
    /// conversation.
    /// </summary>
    public TerminalConversation Open(ChannelAccount member)
    {
        if (member.Id == Main.Member.Id)
        {
            return Main;
        }

        var id = OneOnOnePrefix + member.Id;
        var opened = new TerminalConversation(id, new ChannelAccount(member.Id!, member.Name) { Role = "user" });
        return _conversations.AddOrUpdate(
            id, _ => opened, (_, known) => string.IsNullOrWhiteSpace(member.Name) ? known : opened);
    }

    /// <summary>A new thread in a channel (the bot posting a ticket to its queue), played by the terminal's agent.</summary>
    public TerminalConversation OpenThread(string channelId)
    {
        var thread = new TerminalConversation($"{channelId};messageid=thread-{Interlocked.Increment(ref _nextId)}", TerminalChat.Agent, channelId);
        _conversations[thread.Id] = thread;
        LatestThread = thread;
        return thread;
    }

    /// <summary>The last queue thread the bot started: where "agent: …" lines go.</summary>
    public TerminalConversation? LatestThread { get; private set; }

    /// <summary>
    /// The conversation with this id. One the terminal did not open here (stored by an earlier run, say) is taken as
    /// a 1:1 chat with the activity's recipient.
    /// </summary>
    public TerminalConversation Find(string conversationId, ChannelAccount? recipient = null) =>
        _conversations.GetOrAdd(conversationId, id => new TerminalConversation(id, recipient is { Id.Length: > 0 }
            ? recipient
            : new ChannelAccount(id.StartsWith(OneOnOnePrefix, StringComparison.Ordinal) ? id[OneOnOnePrefix.Length..] : id)));

    /// <summary>Shows an activity the bot sent to a conversation; returns the id the terminal gave it.</summary>
    public string Receive(string conversationId, Activity activity, string? updatesId = null)
    {
        lock (_lock)
        {
            var id = updatesId ?? $"terminal-{Interlocked.Increment(ref _nextId)}";
            if (activity.IsType(ActivityTypes.Typing))
            {
                return id;
            }

            var conversation = Find(conversationId, activity.Recipient);
            void Show() => InConversation(conversation, () =>
            {
                if (!string.IsNullOrWhiteSpace(activity.Text))
                {
                    output.WriteLine($"bot> {TerminalMarkdown.Render(activity.Text, ansi)}");
                }

                foreach (var card in (activity.Attachments ?? []).Where(a => a.ContentType == Attachment.AdaptiveCardContentType))
                {
                    WriteCard(card.Content!.Value, id, updatesId is not null, conversation, null);
                }
            });

            if (_held is not null)
            {
                _held.Add(Show);
            }
            else
            {
                Show();
            }

            return id;
        }
    }

    /// <summary>
    /// Holds back what the bot sends until the returned handle is disposed, then shows it in the order it came. The chat
    /// holds while it performs one action, so the answer to a click (a card updated in place) comes before what the
    /// click set off (an approval card for someone else), and the actions left current are the last ones shown,
    /// however the two race.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_lock)
        {
            _held ??= [];
        }

        return new Held(this);
    }

    private void Release()
    {
        lock (_lock)
        {
            var queued = _held ?? [];
            _held = null;
            foreach (var show in queued)
            {
                show();
            }
        }
    }

    private sealed class Held(TerminalChannel channel) : IDisposable
    {
        public void Dispose() => channel.Release();
    }

    /// <summary>Shows a card (new, or replacing the one with <paramref name="activityId"/>) and makes its actions current.</summary>
    public void ShowCard(
        JsonElement card, string activityId, bool updated, TerminalConversation conversation, List<JsonElement>? parentInputs = null)
    {
        lock (_lock)
        {
            InConversation(conversation, () => WriteCard(card, activityId, updated, conversation, parentInputs));
        }
    }

    public void Say(string text, TerminalConversation? conversation = null)
    {
        lock (_lock)
        {
            InConversation(conversation ?? Main, () => output.WriteLine(text));
        }
    }

    /// <summary>
    /// Shows the prompt the chat waits at. What the bot sends meanwhile (a proactive message) is printed on lines of
    /// its own, followed by the prompt again.
    /// </summary>
    public void ShowPrompt(string prompt)
    {
        lock (_lock)
        {
            output.Write(prompt);
            _prompt = prompt;
        }
    }

    public void PromptAnswered()
    {
        lock (_lock)
        {
            _prompt = null;
        }
    }

    // What went to someone else is framed, so a reader (or a piped transcript) sees who received it.
    private void InConversation(TerminalConversation conversation, Action write)
    {
        if (_prompt is not null)
        {
            output.WriteLine();
        }

        if (conversation.IsThread)
        {
            output.WriteLine($"--- in the agents' queue channel, where you are {conversation.MemberName} ---");
        }
        else if (!conversation.IsMain)
        {
            output.WriteLine($"--- to {conversation.MemberName} (1:1 chat) ---");
        }

        write();
        if (!conversation.IsMain)
        {
            output.WriteLine("--- back to you ---");
        }

        if (_prompt is not null)
        {
            output.Write(_prompt);
        }
    }

    private void WriteCard(
        JsonElement card, string activityId, bool updated, TerminalConversation conversation, List<JsonElement>? parentInputs)
    {
        Actions.Clear();
        var rendered = CardText.Render(card, ansi);
        output.WriteLine(updated ? "bot> (card updated)" : "bot> (card)");
        output.Write(rendered.Text);
        var inputs = (parentInputs ?? []).Concat(rendered.Inputs).ToList();
        Actions.AddRange(rendered.Actions.Select(a => new TerminalAction(a, activityId, inputs, conversation)));
        if (Actions.Count > 0)
        {
            output.WriteLine(conversation.IsMain
                ? "     (type a number to choose an action)"
                : $"     (type a number to act as {conversation.MemberName})");
        }
    }
}
