namespace HelpdeskBot.Benchmarks.Load;

/// <summary>What a conversation's turns are.</summary>
public enum TurnKind
{
    /// <summary>"thanks" and the like: answered with a line, no search, no model.</summary>
    Trivial,

    /// <summary>A knowledge question from the evaluation set, worded a little differently each time.</summary>
    Answer,

    /// <summary>A catalog form opened (<c>catalog.open</c>) and submitted (<c>catalog.submit</c>): a ticket each time.</summary>
    Form,
}

/// <summary>The load command's options.</summary>
public sealed record LoadSettings(IReadOnlyList<Uri> Bots, int Conversations, TimeSpan Duration, TimeSpan Warmup, TurnKind Kind)
{
    public const string Usage =
        "load --bots URL[,URL...] --conversations N --seconds N --turn trivial|answer|form [--warmup SECONDS] " +
        "[--timeout SECONDS] [--label TEXT] [--watch NAME=PID[,NAME=PID...]] [--seed N] [--connector-port N] [--team TEAM_ID [--drain SECONDS]] [--dump FILE]";

    /// <summary>The longest one request to <c>/api/messages</c> may take before it counts as an error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>What the run is called in the README row (the topology, say "2 bots, PostgreSQL").</summary>
    public string Label { get; init; } = "";

    /// <summary>Processes whose CPU time over the window is reported (with their child processes: PostgreSQL's backends).</summary>
    public IReadOnlyList<(string Name, int Pid)> Watch { get; init; } = [];

    /// <summary>
    /// Where the questions' spellings start: at seed × 200. A run asks each question fewer than 200 times, so runs
    /// against one bot process with different seeds send texts that process has not encoded yet. Without it, a random one.
    /// </summary>
    public int Seed { get; init; } = Random.Shared.Next(1, 20);

    /// <summary>
    /// The fake connector's port; 0 for any free one. A fixed one keeps the serviceUrl the bots stored valid from one
    /// run to the next, for what they send after a run has ended (queue cards posted in the background).
    /// </summary>
    public int ConnectorPort { get; init; }

    /// <summary>
    /// A team to announce the bot's install in before the run (a <c>conversationUpdate</c> with <c>channelData.team</c>
    /// in its General channel, whose id is the team's), so that a bot whose <c>Agents:Queues</c> names it can post
    /// each new ticket's card there, as it does in a real deployment.
    /// </summary>
    public string? Team { get; init; }

    /// <summary>How long a form run waits after its window for the queue cards of the tickets it created.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A file to write every turn to (label, start and milliseconds, outcome, detail), for a look at the misses.</summary>
    public string? DumpTo { get; init; }

    public static LoadSettings Parse(string[] args)
    {
        var bots = (Arguments.Text(args, "--bots") ?? throw new ArgumentException("--bots is required: the bots' base URLs, comma-separated."))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri)
                ? uri : throw new ArgumentException($"--bots: '{url}' is not an absolute URL."))
            .ToList();
        var kind = Arguments.Text(args, "--turn") switch
        {
            "trivial" => TurnKind.Trivial,
            "answer" => TurnKind.Answer,
            "form" => TurnKind.Form,
            var other => throw new ArgumentException($"--turn must be trivial, answer or form, not '{other}'."),
        };
        var watch = (Arguments.Text(args, "--watch") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=') is [var name, var pid] && int.TryParse(pid, out var id)
                ? (name, id) : throw new ArgumentException($"--watch: '{entry}' is not NAME=PID."))
            .ToList();
        return new LoadSettings(
            bots,
            Arguments.Int(args, "--conversations", 8),
            TimeSpan.FromSeconds(Arguments.Int(args, "--seconds", 20)),
            TimeSpan.FromSeconds(args.Contains("--warmup") ? Arguments.Int(args, "--warmup", 5) : 5),
            kind)
        {
            RequestTimeout = TimeSpan.FromSeconds(Arguments.Int(args, "--timeout", 60)),
            Label = Arguments.Text(args, "--label") ?? $"{bots.Count} bot(s)",
            Watch = watch,
            Seed = args.Contains("--seed") ? Arguments.Int(args, "--seed", 1) : Random.Shared.Next(1, 20),
            ConnectorPort = args.Contains("--connector-port") ? Arguments.Int(args, "--connector-port", 0) : 0,
            Team = Arguments.Text(args, "--team"),
            Drain = TimeSpan.FromSeconds(args.Contains("--drain") ? Arguments.Int(args, "--drain", 60) : 60),
            DumpTo = Arguments.Text(args, "--dump"),
        };
    }
}
