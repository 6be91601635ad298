using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HelpdeskBot.Benchmarks.Load;

/// <summary>
/// What a load run measured. A turn counts towards turns/s when it ended inside the measured window, and towards the
/// latencies when it started inside it (those that started near the end were waited for).
/// </summary>
public sealed record LoadResult(
    LoadSettings Settings, IReadOnlyList<TurnRecord> Records, long MeasureFrom, long MeasureTo, CpuUse Cpu,
    string LoadAverageAtStart, string LoadAverageAtEnd, IReadOnlyDictionary<string, long> ConnectorCalls,
    IReadOnlyList<string> UnknownConnectorCalls, int Tickets, QueueCardLag? QueueCards)
{
    private double WindowSeconds => (MeasureTo - MeasureFrom) / (double)Stopwatch.Frequency;

    private IEnumerable<TurnRecord> Measured => Records.Where(r => r.Start >= MeasureFrom && r.Start < MeasureTo);

    public int WarmupErrors => Records.Count(r => r.Start < MeasureFrom && r.IsError);

    public int Errors => Measured.Count(r => r.IsError);

    public sealed record Row(string Label, int Turns, double PerSecond, double P50, double P90, double P99, double Max, int Errors, int NotAnswered);

    public IReadOnlyList<Row> Rows() =>
        [.. Records.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).Select(label =>
        {
            var measured = Measured.Where(r => r.Label == label).ToList();
            var ok = measured.Where(r => !r.IsError).Select(r => r.Milliseconds).Order().ToArray();
            var ended = Records.Count(r => r.Label == label && !r.IsError && r.End >= MeasureFrom && r.End <= MeasureTo);
            return new Row(label, measured.Count, ended / WindowSeconds, Percentile(ok, 0.5), Percentile(ok, 0.9), Percentile(ok, 0.99),
                ok.Length == 0 ? 0 : ok[^1], measured.Count(r => r.IsError), measured.Count(r => r.Outcome == TurnOutcome.NotAnswered));
        })];

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The turn the README's row is about: the submit of a form run, else the run's one kind of turn.</summary>
    public Row Main => Rows().Single(r => r.Label == Settings.Kind switch
    {
        TurnKind.Form => "form submit",
        TurnKind.Answer => "answer",
        _ => "trivial",
    });

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"machine       {Environment.ProcessorCount} cores; load average {LoadAverageAtStart} at the window's start, {LoadAverageAtEnd} at its end"));
        text.AppendLine(Invariant($"window        {WindowSeconds:N1} s after {Settings.Warmup.TotalSeconds:N0} s of warm-up; {Settings.Conversations} conversations over {Settings.Bots.Count} bot(s)"));
        text.AppendLine("latency       POST /api/messages, from sending the request to the end of its response; the bot answers after the");
        text.AppendLine("              turn has run and its replies have been posted to the connector (and answered by it)");
        text.AppendLine();
        text.AppendLine("turn             turns   turns/s   p50 ms   p90 ms   p99 ms   max ms   errors");
        foreach (var row in Rows())
        {
            text.AppendLine(Invariant($"{row.Label,-14}{row.Turns,8}  {row.PerSecond,8:N1} {row.P50,8:N1} {row.P90,8:N1} {row.P99,8:N1} {row.Max,8:N0} {row.Errors,8}"));
        }

        text.AppendLine("(turns/s and the latencies count the turns without error)");
        foreach (var row in Rows().Where(r => r.Label == "answer"))
        {
            text.AppendLine(Invariant($"answers       {row.Turns - row.Errors - row.NotAnswered} of {row.Turns - row.Errors} questions got an answer card; the others, no article or another route (not errors)"));
        }

        if (Settings.Kind == TurnKind.Form)
        {
            text.AppendLine(Invariant($"tickets       {Tickets} confirmed, each number once (warm-up included)"));
            if (QueueCards is { } cards)
            {
                text.AppendLine(cards.Line());
            }
        }

        text.AppendLine();
        var errors = Measured.Where(r => r.IsError).ToList();
        text.AppendLine(errors.Count == 0 && WarmupErrors == 0
            ? "errors        none (every turn answered with the reply it asks for)"
            : Invariant($"errors        {errors.Count} in the window ({string.Join(", ", errors.GroupBy(e => e.Outcome).Select(g => $"{g.Key} {g.Count()}"))}), {WarmupErrors} in the warm-up"));
        foreach (var example in Records.Where(r => r.IsError).GroupBy(r => (r.Label, r.Outcome)).Select(g => g.First()))
        {
            text.AppendLine(Invariant($"  e.g. {example.Label}, {example.Outcome}: {example.Detail}"));
        }

        text.AppendLine(ConnectorCalls.Count == 0 ? "connector     no calls" : Invariant(
            $"connector     calls from the bots, warm-up included: {string.Join(", ", ConnectorCalls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}"));
        foreach (var unknown in UnknownConnectorCalls)
        {
            text.AppendLine($"  unanswered call: {unknown}");
        }

        text.AppendLine(Invariant($"cpu           % of one core over the window: machine {Cpu.Machine:N0} of {Environment.ProcessorCount * 100} (everything running), generator and connector {Cpu.Generator:N0}")
            + string.Concat(Cpu.Watched.Select(w => Invariant($", {w.Name} {w.Percent:N0}")))
            + (Cpu.Watched.Count > 0 ? Invariant($"; other processes {Cpu.Others:N0}") : ""));
        if (Cpu.Watched.Count > 0)
        {
            text.AppendLine(Invariant($"processes     at the window's end: {string.Join(", ", Cpu.Watched.Select(w => $"{w.Name} {w.RssBytes / 1048576.0:N0} MiB resident, {w.Threads} threads"))}"));
        }

        return text.ToString();
    }

    public const string MarkdownHeader =
        "| topology | turn | conversations | turns/s | p50 | p99 | errors | CPU % (bots and database / generator / other processes) | load average |";

    /// <summary>A row under <see cref="MarkdownHeader"/>.</summary>
    public string MarkdownRow()
    {
        var row = Main;
        return Invariant(
            $"| {Settings.Label} | {row.Label} | {Settings.Conversations} | {row.PerSecond:N1} | {row.P50:N0} ms | {row.P99:N0} ms | {Errors} | {Cpu.Served:N0} / {Cpu.Generator:N0} / {Cpu.Others:N0} | {LoadAverageAtStart} → {LoadAverageAtEnd} |");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The tickets' cards in the agents' queue channel, which the bots post in the background: how many came (of the
/// tickets the run confirmed) and how long after the confirmation, and how long after the window the last one came.
/// </summary>
public sealed record QueueCardLag(int Tickets, IReadOnlyList<double> LagMilliseconds, double LastAfterWindowSeconds, TimeSpan Drain)
{
    public string Line()
    {
        string At(double p) => (LagMilliseconds[Math.Clamp((int)Math.Ceiling(p * LagMilliseconds.Count) - 1, 0, LagMilliseconds.Count - 1)] / 1000)
            .ToString("N1", CultureInfo.InvariantCulture);
        return LagMilliseconds.Count == 0
            ? $"queue cards   none of the {Tickets} tickets' cards reached the agents' channel within {Drain.TotalSeconds:0} s after the window"
            : string.Create(CultureInfo.InvariantCulture,
                $"queue cards   {LagMilliseconds.Count} of {Tickets} posted to the agents' channel (waited up to {Drain.TotalSeconds:0} s after the window; the last came {LastAfterWindowSeconds:N0} s after it); " +
                $"after the confirmation: p50 {At(0.5)} s, p99 {At(0.99)} s, max {LagMilliseconds[^1] / 1000:N1} s");
    }
}
