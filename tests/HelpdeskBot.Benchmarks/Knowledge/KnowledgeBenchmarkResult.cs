using System.Globalization;
using System.Text;

namespace HelpdeskBot.Benchmarks.Knowledge;

public sealed record QueryTiming(string Kind, TimeSpan Elapsed, string Text);

/// <summary>What a run measured, as a table and as a README row.</summary>
public sealed record KnowledgeBenchmarkResult(
    int Articles, long AverageArticleBytes, TimeSpan Import, TimeSpan ImportCpu, TimeSpan FirstQuery, IReadOnlyList<QueryTiming> Queries,
    TimeSpan QueriesCpu, int Answered, long DatabaseBytes, long PeakWorkingSetBytes, long PeakGcHeapBytes, string LoadAverage)
{
    public double ArticlesPerSecond => Articles / Import.TotalSeconds;
    public double QueriesPerSecond => Queries.Count / Queries.Sum(q => q.Elapsed.TotalSeconds);

    public static double Percentile(IEnumerable<QueryTiming> timings, double p)
    {
        var sorted = timings.Select(t => t.Elapsed.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"articles          {Articles:N0} ({AverageArticleBytes:N0} bytes each on average)"));
        text.AppendLine(Import == TimeSpan.Zero
            ? "import            not measured (a kept base was reused)"
            : Invariant($"import            {Import.TotalSeconds:N1} s, {ArticlesPerSecond:N0} articles/s ({ImportCpu.TotalSeconds:N1} s of CPU)"));
        text.AppendLine(Invariant($"database          {DatabaseBytes / 1048576.0:N1} MiB"));
        text.AppendLine(Invariant($"first query       {FirstQuery.TotalMilliseconds:N0} ms (loads the vocabulary)"));
        text.AppendLine(Invariant($"queries           {Queries.Count:N0} on one thread, {QueriesPerSecond:N0} queries/s, {Answered * 100.0 / Queries.Count:N0}% answered, {QueriesCpu.TotalMilliseconds / Queries.Count:N2} ms of CPU each on average"));
        text.AppendLine(Invariant($"load average      {LoadAverage} at the end (other work on the machine slows every figure)"));
        text.AppendLine(Invariant($"peak memory       {PeakWorkingSetBytes / 1048576.0:N0} MiB working set, {PeakGcHeapBytes / 1048576.0:N0} MiB GC heap"));
        text.AppendLine();
        text.AppendLine("kind              n     p50 ms   p90 ms   p99 ms   max ms");
        foreach (var group in Queries.GroupBy(q => q.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Append(Queries.GroupBy(_ => "ALL").Single()))
        {
            text.AppendLine(Invariant($"{group.Key,-13}{group.Count(),6}  {Percentile(group, 0.5),8:N2} {Percentile(group, 0.9),8:N2} {Percentile(group, 0.99),8:N2} {group.Max(q => q.Elapsed.TotalMilliseconds),8:N2}"));
        }

        return text.ToString();
    }

    /// <summary>A row of the README's table: articles | import | queries/s | p50 | p90 | p99 | max | peak memory | database.</summary>
    public string MarkdownRow() => Invariant(
        $"| {Articles:N0} | {(Import == TimeSpan.Zero ? "reused" : $"{ArticlesPerSecond:N0} articles/s")} | {QueriesPerSecond:N0} | {Percentile(Queries, 0.5):N1} ms | {Percentile(Queries, 0.9):N1} ms | {Percentile(Queries, 0.99):N1} ms | {Queries.Max(q => q.Elapsed.TotalMilliseconds):N0} ms | {PeakWorkingSetBytes / 1048576.0:N0} MiB ({PeakGcHeapBytes / 1048576.0:N0} MiB GC heap) | {DatabaseBytes / 1048576.0:N0} MiB |");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
