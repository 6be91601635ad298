using HelpdeskBot.Protocol.Schema;
using Microsoft.Extensions.Caching.Memory;

namespace HelpdeskBot.Handover;

/// <summary>
/// A small memory of each person's recent turns in a conversation, for reaching a person: the questions they asked
/// (to carry the last one into the hand-over and to notice the same problem reported again), what the bot tried
/// (articles offered, "not helpful" marks) and how many "not helpful" came in a row. Kept in memory only, bounded (a
/// few entries per conversation, <see cref="MaxConversations"/> conversations, each forgotten after
/// <see cref="Window"/> without a turn): a restart or another instance starts afresh, which costs at most an offer
/// not made. The ticket itself is what is stored.
/// </summary>
public sealed class ConversationTurns(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);
    public const int MaxQuestions = 10;
    public const int MaxTried = 10;
    public const int MaxAskedLine = 200;
    public const int MaxConversations = 10_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxConversations });

    private sealed record Question(string Text, HashSet<string> Words, DateTimeOffset At);

    private sealed class Record
    {
        public readonly Lock Lock = new();
        public readonly List<Question> Questions = [];
        public readonly List<(string ArticleId, string Title)> Articles = [];
        public readonly List<string> Tried = [];
        public int NotHelpfulInARow;
    }

    /// <summary>
    /// Remembers a question the bot is about to answer; true when it closely matches one the person asked (and the bot
    /// answered) in the last <see cref="Window"/>: the same problem again.
    /// </summary>
    public bool RecordQuestion(Activity activity, string text)
    {
        var now = time.GetUtcNow();
        var words = ProblemWords.Of(text);
        var record = RecordOf(activity);
        lock (record.Lock)
        {
            record.Questions.RemoveAll(q => now - q.At > Window);
            var again = record.Questions.Any(q => ProblemWords.Same(q.Words, words) ||
                string.Equals(q.Text.Trim(), text.Trim(), StringComparison.OrdinalIgnoreCase));
            Add(record.Questions, new Question(text, words, now), MaxQuestions);
            Add(record.Tried, $"Asked: {text.Shorten(MaxAskedLine)}", MaxTried);
            return again;
        }
    }

    /// <summary>The last question asked in the last <see cref="Window"/>, if any.</summary>
    public string? LastQuestion(Activity activity)
    {
        var now = time.GetUtcNow();
        var record = RecordOf(activity);
        lock (record.Lock)
        {
            return record.Questions.LastOrDefault(q => now - q.At <= Window)?.Text;
        }
    }

    /// <summary>Remembers an article the bot offered as an answer.</summary>
    public void RecordArticle(Activity activity, string articleId, string title)
    {
        var record = RecordOf(activity);
        lock (record.Lock)
        {
            Add(record.Articles, (articleId, title), MaxTried);
            Add(record.Tried, $"Bot answered with: {title} ({articleId})", MaxTried);
        }
    }

    /// <summary>Remembers what the bot did when no article answered (no article found, a form opened).</summary>
    public void RecordNoAnswer(Activity activity, string what)
    {
        var record = RecordOf(activity);
        lock (record.Lock)
        {
            Add(record.Tried, $"Bot: {what}", MaxTried);
        }
    }

    /// <summary>
    /// Remembers "was this helpful?" feedback; true on the second "not helpful" in a row (the count then starts again,
    /// so the offer is made once for the pair). "Helpful" ends a run.
    /// </summary>
    public bool RecordFeedback(Activity activity, bool helpful, string articleId)
    {
        var record = RecordOf(activity);
        lock (record.Lock)
        {
            var title = record.Articles.LastOrDefault(a => a.ArticleId == articleId).Title;
            var article = $"{title ?? articleId}{(title is null ? "" : $" ({articleId})")}";
            if (helpful)
            {
                Add(record.Tried, $"Marked helpful: {article}", MaxTried);
                record.NotHelpfulInARow = 0;
                return false;
            }

            Add(record.Tried, $"Marked not helpful: {article}", MaxTried);
            if (++record.NotHelpfulInARow < 2)
            {
                return false;
            }

            record.NotHelpfulInARow = 0;
            return true;
        }
    }

    /// <summary>
    /// The last turns of this conversation that bear on a problem, oldest first (at most <see cref="MaxTried"/> lines):
    /// what was asked, what the bot answered with or did instead, and the "helpful" marks.
    /// </summary>
    public IReadOnlyList<string> Tried(Activity activity)
    {
        var record = RecordOf(activity);
        lock (record.Lock)
        {
            return [.. record.Tried];
        }
    }

    // Per person in a conversation: in a group chat each member has their own questions.
    private Record RecordOf(Activity activity) =>
        _cache.GetOrCreate($"{activity.ChannelId}\n{activity.Conversation?.Id}\n{activity.From?.Id}", entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Window;
            return new Record();
        })!;

    private static void Add<T>(List<T> list, T item, int max)
    {
        list.Add(item);
        if (list.Count > max)
        {
            list.RemoveRange(0, list.Count - max);
        }
    }

    public void Dispose() => _cache.Dispose();
}
