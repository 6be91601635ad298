using HelpdeskBot.Benchmarks;
using HelpdeskBot.Benchmarks.Knowledge;
using HelpdeskBot.Benchmarks.Load;

// dotnet run -c Release --project tests/HelpdeskBot.Benchmarks -- knowledge --articles 10000 [--queries 2000]
//     [--keep FOLDER] (keep the generated base there and reuse it next time) [--slowest N] (list the slowest questions)
//     [--semantic] (also embed the base and time the hybrid search against its two necessary steps)
//     [--vectors-held] (as --semantic, but with the vectors the kept base holds, embedding none)
//     [--dump FILE] (write every question's result, to compare two versions answer for answer)
// dotnet run -c Release --project tests/HelpdeskBot.Benchmarks -- generate --articles 100 FOLDER   (to look at them)
// dotnet run -c Release --project tests/HelpdeskBot.Benchmarks -- load --bots http://127.0.0.1:5001[,http://127.0.0.1:5002]
//     --conversations 16 --seconds 20 --turn trivial|answer|form [--warmup 5] [--label "2 bots, PostgreSQL"]
//     [--watch bot1=PID,postgres=PID] (their CPU over the window) [--seed N] (questions are spelled from N × 200 on)
//     Running bots are needed: tests/bench/load.sh starts them on SQLite and PostgreSQL and runs every case.
if (args is ["generate", .., var folder] && !folder.StartsWith('-'))
{
    new ArticleGenerator(Path.Combine(Arguments.RepositoryRoot(), "knowledge", "articles")).WriteTo(folder, Arguments.Int(args, "--articles", 100));
    return 0;
}

if (args is ["load", ..])
{
    LoadSettings load;
    try
    {
        load = LoadSettings.Parse(args);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"{e.Message}\nusage: {LoadSettings.Usage}");
        return 2;
    }

    var loaded = await new LoadGenerator(load, Arguments.RepositoryRoot(), Console.Out).RunAsync();
    Console.WriteLine();
    Console.WriteLine(loaded.Table());
    Console.WriteLine($"README row: {LoadResult.MarkdownHeader}");
    Console.WriteLine(loaded.MarkdownRow());
    return loaded.Errors == 0 && loaded.WarmupErrors == 0 ? 0 : 1;
}

if (args.Length == 0 || args[0] != "knowledge")
{
    Console.Error.WriteLine($"usage: knowledge --articles N [--queries N] [--keep FOLDER] [--slowest N] [--semantic | --vectors-held] [--dump FILE] | generate --articles N FOLDER | {LoadSettings.Usage}");
    return 2;
}

var articles = Arguments.Int(args, "--articles", 10_000);
var queries = Arguments.Int(args, "--queries", 2_000);
var settings = new KnowledgeBenchmarkSettings(Arguments.RepositoryRoot(), articles, queries)
{
    KeepIn = Arguments.Text(args, "--keep"),
    Slowest = args.Contains("--slowest") ? Arguments.Int(args, "--slowest", 0) : 0,
    Semantic = args.Contains("--semantic") || args.Contains("--vectors-held"),
    VectorsHeldOnly = args.Contains("--vectors-held"),
    DumpTo = Arguments.Text(args, "--dump"),
};
var result = await new KnowledgeBenchmark(settings, Console.Out).RunAsync();
Console.WriteLine();
Console.WriteLine(result.Table());
Console.WriteLine("README row: | articles | import | queries/s | p50 | p90 | p99 | max | peak memory | database |");
Console.WriteLine(result.MarkdownRow());
return 0;
// With ASP.NET Core referenced (the load generator's connector), a generator would make this Program public, and the
// tests, which reference both this project and the bot, would see two; declared internal, it stays this project's own.
internal partial class Program;
