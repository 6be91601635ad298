using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpdeskBot.Benchmarks.Load;

/// <summary>
/// One simulated person's 1:1 chat with the bot in Teams: their own user id and personal conversation id, the
/// tenant, and the connector's serviceUrl on every activity, shaped as Teams sends them. Written as plain JSON (not
/// the bot's own schema classes), so the generator sees the wire as Teams does.
/// </summary>
public sealed class LoadConversation(int index, string run, string serviceUrl)
{
    public const string TenantId = "tenant-load";
    public const string BotId = "28:helpdeskbot-load";

    private int _activities;

    public int Index { get; } = index;
    public string UserId { get; } = $"29:load-{run}-user-{index}";
    public string ConversationId { get; } = $"a:load-{run}-conversation-{index}";
    private string AadObjectId { get; } = $"00000000-0000-4000-8000-{run}{index:x6}";

    public string NextActivityId() => $"load-{ConversationId}-{Interlocked.Increment(ref _activities)}";

    /// <summary>A message the person typed.</summary>
    public (string Id, byte[] Body) Message(string text)
    {
        var id = NextActivityId();
        var activity = Activity("message", id);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        return (id, Serialize(activity));
    }

    /// <summary>
    /// A click on an Action.Execute button: the <c>adaptiveCard/action</c> invoke with the button's verb and its
    /// data merged with the card's inputs, replying to the card's message.
    /// </summary>
    public (string Id, byte[] Body) Execute(string verb, JsonObject data, string cardActivityId)
    {
        var id = NextActivityId();
        var activity = Activity("invoke", id);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return (id, Serialize(activity));
    }

    /// <summary>
    /// The bot added to a team, as Teams announces it: a <c>conversationUpdate</c> in the team's General channel
    /// (whose id is the team's) with <c>channelData.team</c>.
    /// </summary>
    public static byte[] BotAddedToTeam(string teamId, string serviceUrl)
    {
        var activity = new LoadConversation(0, "ffffff", serviceUrl).Activity("conversationUpdate", $"load-install-{Guid.NewGuid():N}");
        activity["conversation"] = new JsonObject
        {
            ["id"] = teamId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId,
        };
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        activity["channelData"] = new JsonObject
        {
            ["team"] = new JsonObject { ["id"] = teamId, ["name"] = "IT Support (load test)" },
            ["channel"] = new JsonObject { ["id"] = teamId },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
            ["eventType"] = "teamMemberAdded",
        };
        return Serialize(activity);
    }

    private JsonObject Activity(string type, string id)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = now.ToString("O"),
            ["localTimestamp"] = now.ToOffset(TimeSpan.FromHours(1)).ToString("O"),
            ["localTimezone"] = "Europe/Paris",
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = $"Load User {Index}", ["aadObjectId"] = AadObjectId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "HelpdeskBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId,
            },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "en-GB",
        };
    }

    private static byte[] Serialize(JsonObject activity) => JsonSerializer.SerializeToUtf8Bytes(activity);
}

/// <summary>What the simulated people type.</summary>
public sealed class LoadTexts
{
    /// <summary>Thanks in a few forms; each is small talk the bot answers with "You're welcome!".</summary>
    public static readonly string[] Thanks =
        ["thanks", "thank you", "thanks a lot", "cheers", "thx", "ok thanks", "thank you so much", "many thanks", "ty", "thanks again"];

    // Endings that change no word, for more spellings than the letters' case gives. No question mark: the bot's routing
    // reads one ("bitlockr recovry?" goes to the password form, "bitlockr recovry" gets the BitLocker article).
    private static readonly string[] Endings = ["", ".", "!", "..", "...", "!!", " .", " !"];

    /// <summary>Questions with fewer letters have too few spellings to stay new to the cache through a run.</summary>
    public const int MinLetters = 12;

    private readonly string[] _questions;
    private readonly int[] _asked;
    private readonly int _seed;

    private LoadTexts(string[] questions, int seed)
    {
        _questions = questions;
        _asked = new int[questions.Length];
        _seed = seed;
    }

    /// <summary>The evaluation set's questions that the sample knowledge base has an article for (the rest are there to be declined).</summary>
    public static IReadOnlyList<string> Candidates(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, "knowledge", "evaluation", "questions.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray()
            .Where(q => q.GetProperty("expected").GetArrayLength() > 0)
            .Select(q => q.GetProperty("q").GetString()!)
            .Where(q => q.Count(char.IsLetter) >= MinLetters)];
    }

    /// <param name="questions">The questions to ask, each many times.</param>
    /// <param name="seed">Where the spellings start (seed × 200): runs against one bot process with different seeds send texts it has not encoded.</param>
    public static LoadTexts For(IReadOnlyList<string> questions, int seed) => new([.. questions], seed);

    public int Questions => _questions.Length;

    /// <summary>
    /// The <paramref name="turn"/>th question of conversation <paramref name="conversation"/>: each conversation goes
    /// through the questions in an order of its own (so it asks none twice within its last 10 turns, which the bot
    /// would take as the same problem again), each time spelled in a way not sent before in this run.
    /// </summary>
    public string Question(int conversation, int turn)
    {
        var stride = Stride(conversation);
        var question = (int)((conversation * 37L + (long)turn * stride) % _questions.Length);
        return Spelling(_questions[question], _seed * 200 + Interlocked.Increment(ref _asked[question]));
    }

    /// <summary>
    /// The <paramref name="variant"/>th spelling of <paramref name="text"/>: some letters in capitals, and past the
    /// 2^letters spellings that gives (4,096 for the shortest), one of a few endings. The bot reads text without regard
    /// to case (its search and its sentence model lower-case everything), so every spelling asks the same; its
    /// encoder's cache is keyed by the exact text, so each is encoded afresh.
    /// </summary>
    public static string Spelling(string text, int variant)
    {
        var letters = Math.Min(20, text.Count(char.IsLetter));
        var casing = variant % (1 << letters);
        var chars = text.ToCharArray();
        for (int i = 0, letter = 0; i < chars.Length && letter < letters; i++)
        {
            if (!char.IsLetter(chars[i])) continue;
            if ((casing >> letter & 1) == 1) chars[i] = char.ToUpperInvariant(chars[i]);
            letter++;
        }

        return new string(chars) + Endings[variant / (1 << letters) % Endings.Length];
    }

    // A step coprime with the number of questions, so a conversation's turns visit every question before repeating.
    private int Stride(int conversation)
    {
        for (var stride = 1 + conversation * 7 % Math.Max(1, _questions.Length - 1); ; stride++)
        {
            if (Gcd(stride, _questions.Length) == 1) return stride;
        }
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
