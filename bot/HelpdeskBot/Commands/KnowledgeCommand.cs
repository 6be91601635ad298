using System.CommandLine;
using System.Globalization;
using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Evaluation;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Commands;

/// <summary>
/// <c>kb import &lt;folder&gt;</c> publishes a folder of articles; <c>kb search &lt;question&gt;</c> shows what the bot
/// would answer, or that it would decline, and why; <c>kb gaps</c> lists what the knowledge base did not answer;
/// <c>kb evaluate &lt;articles&gt; &lt;questions&gt;</c> measures search on labeled questions.
/// </summary>
public static class KnowledgeCommand
{
    public const string Name = "kb";

    /// <summary>Exit codes of <c>kb import</c> and <c>kb evaluate</c>.</summary>
    public const int Imported = 0, NoFolder = 1, SomeFilesHadErrors = 2, BadQuestions = 3;

    public static Command Create(IServiceProvider services)
    {
        var folder = new Argument<string>("folder") { Description = "The folder of Markdown articles (subfolders included)." };
        var import = new Command("import", "Publish a folder of articles: new and changed ones become a new published version, unchanged ones stay as they are.")
        {
            folder,
        };
        import.SetAction((result, ct) => ImportAsync(services, result.GetRequiredValue(folder), result.InvocationConfiguration, ct));

        var top = new Option<int>("--top") { Description = "How many groups to list (1-500).", DefaultValueFactory = _ => 20 };
        top.Validators.Add(option =>
        {
            if (option.GetValueOrDefault<int>() is < 1 or > 500) option.AddError("--top must be between 1 and 500.");
        });
        var gaps = new Command("gaps", "List the most frequent questions the knowledge base declined or answered unhelpfully, grouped.") { top };
        gaps.SetAction((result, ct) => GapsAsync(services, result.GetValue(top), result.InvocationConfiguration.Output, ct));

        var question = new Argument<string>("question") { Description = "The question, as an employee would type it (quote it)." };
        var hits = new Option<int>("--top") { Description = "How many matches to list (1-10).", DefaultValueFactory = _ => 3 };
        hits.Validators.Add(option =>
        {
            if (option.GetValueOrDefault<int>() is < 1 or > 10) option.AddError("--top must be between 1 and 10.");
        });
        var search = new Command("search", "Show what the bot would answer to a question, or that it would decline, with each match's confidence.")
        {
            question, hits,
        };
        search.SetAction((result, ct) => SearchAsync(services, result.GetRequiredValue(question), result.GetValue(hits), result.InvocationConfiguration.Output, ct));

        var articles = new Argument<string>("articles") { Description = "The folder of Markdown articles to measure on (imported into a temporary database: the bot's is not touched)." };
        var questions = new Argument<string>("questions") { Description = "The labeled questions: a JSON array of {\"q\", \"kind\", \"expected\": [article ids]}, expected empty when the articles do not cover it." };
        var misses = new Option<bool>("--misses") { Description = "Also list every miss: the right article not first, or an uncoverable question answered." };
        var evaluate = new Command("evaluate", "Measure search on a folder of articles and labeled questions: hit@1, hit@3, MRR@5 and the share declined, per kind.")
        {
            articles, questions, misses,
        };
        evaluate.SetAction((result, ct) => EvaluateAsync(
            services, result.GetRequiredValue(articles), result.GetRequiredValue(questions), result.GetValue(misses), result.InvocationConfiguration, ct));

        return new Command(Name, "The knowledge base.") { import, search, gaps, evaluate };
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string folder, InvocationConfiguration console, CancellationToken ct)
    {
        var path = CommandLineExtensions.ResolveFolder(folder);
        if (!Directory.Exists(path))
        {
            await console.Error.WriteLineAsync($"No folder '{path}' to import.");
            return NoFolder;
        }

        await using var scope = await CommandLineExtensions.PrepareAsync(services, ct);
        var report = await scope.ServiceProvider.GetRequiredService<KnowledgeBase>()
            .ImportFolderAsync(path, $"kb import ({Environment.UserName})", ct);
        await console.Output.WriteLineAsync($"Imported {path}: {report}");
        foreach (var error in report.Errors)
        {
            await console.Error.WriteLineAsync($"  error: {error}");
        }

        return report.Errors.Count == 0 ? Imported : SomeFilesHadErrors;
    }

    /// <summary>
    /// Imports the folder into a temporary database, runs the questions through search as configured (synonyms,
    /// threshold) and prints the figures; a broken article is reported and the rest measured.
    /// </summary>
    private static async Task<int> EvaluateAsync(
        IServiceProvider services, string articles, string questionsFile, bool showMisses, InvocationConfiguration console, CancellationToken ct)
    {
        var folder = CommandLineExtensions.ResolveFolder(articles);
        var file = CommandLineExtensions.ResolveFile(questionsFile);
        if (!Directory.Exists(folder) || !File.Exists(file))
        {
            await console.Error.WriteLineAsync(Directory.Exists(folder) ? $"No questions file '{file}'." : $"No folder '{folder}' of articles.");
            return NoFolder;
        }

        IReadOnlyList<LabeledQuestion> labeled;
        try
        {
            labeled = await RelevanceEvaluation.LoadQuestionsAsync(file, ct);
        }
        catch (FormatException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            return BadQuestions;
        }

        services.GetService<IStartupValidator>()?.Validate();
        var options = services.GetRequiredService<IOptions<KnowledgeSearchOptions>>();
        var database = Path.Combine(Path.GetTempPath(), $"helpdesk-evaluate-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new KnowledgeDbContext(KnowledgeDbContext.SqliteOptions($"Data Source={database};Pooling=False"));
            await db.Database.MigrateAsync(ct);
            using var index = KnowledgeIndex.InMemory();
            var report = await new KnowledgeBase(db, index, TimeProvider.System, NullLogger<KnowledgeBase>.Instance)
                .ImportFolderAsync(folder, "kb evaluate", ct);
            foreach (var error in report.Errors)
            {
                await console.Error.WriteLineAsync($"  error: {error}");
            }

            var ids = (await db.Articles.Select(a => a.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var (q, number) in labeled.Select((q, i) => (q, i + 1)))
            {
                foreach (var id in q.Expected.Where(id => !ids.Contains(id)))
                {
                    await console.Error.WriteLineAsync($"  warning: question {number} expects '{id}', which is not among the articles.");
                }
            }

            // As the bot searches: with the semantic stage unless it is turned off (the base is embedded first).
            var semantic = services.GetRequiredService<IOptions<SemanticOptions>>();
            SemanticStage? stage = null;
            if (semantic.Value.Enabled)
            {
                var encoder = services.GetRequiredService<ISentenceEncoder>();
                var store = new SectionVectorStore(encoder.Dimensions);
                await new SectionEmbedder(index, store, encoder).RunAsync(db, Environment.ProcessorCount, ct);
                stage = new SemanticStage(encoder, store, semantic);
            }

            var search = new KnowledgeSearch(db, index, services.GetRequiredService<QueryAnalyzer>(), options, stage);
            var evaluation = await RelevanceEvaluation.RunAsync(search, labeled, ct);
            var (answerable, uncoverable) = (evaluation.Answerable.ToList(), evaluation.Uncoverable.ToList());
            var output = console.Output;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{ids.Count} articles ({folder}), {labeled.Count} questions ({answerable.Count} answerable, {uncoverable.Count} uncoverable), confidence threshold {options.Value.MinConfidence:0.00}:"));
            await output.WriteAsync(evaluation.Table());
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Answerable: hit@1 {RelevanceEvaluation.HitAt(answerable, 1):0.00}, hit@3 {RelevanceEvaluation.HitAt(answerable, 3):0.00}, declined {RelevanceEvaluation.DeclinedShare(answerable):0.00}. Uncoverable: declined {RelevanceEvaluation.DeclinedShare(uncoverable):0.00}."));
            if (showMisses)
            {
                await output.WriteLineAsync("Misses:");
                await output.WriteAsync(evaluation.Misses());
            }

            return report.Errors.Count == 0 ? Imported : SomeFilesHadErrors;
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static async Task<int> SearchAsync(IServiceProvider services, string question, int top, TextWriter output, CancellationToken ct)
    {
        await using var scope = await CommandLineExtensions.PrepareAsync(services, ct);
        var options = scope.ServiceProvider.GetRequiredService<IOptions<KnowledgeSearchOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>();
        await scope.ServiceProvider.GetRequiredService<KnowledgeIndex>().CatchUpAsync(db, ct);
        if (scope.ServiceProvider.GetRequiredService<IOptions<SemanticOptions>>().Value.Enabled)
        {
            // The vectors the bot has stored (and any missing), so the answer is the one the bot would give.
            await scope.ServiceProvider.GetRequiredService<SectionEmbedder>().RunAsync(db, Environment.ProcessorCount, ct);
        }

        var result = await scope.ServiceProvider.GetRequiredService<KnowledgeSearch>().SearchAsync(question, top, belowThreshold: 5, ct);
        await output.WriteAsync(SearchReport(result, options.MinConfidence));
        return 0;
    }

    /// <summary>
    /// What the bot would do with the question: answer with the first match (its section and the start of the
    /// snippet shown), or decline, listing the nearest articles under the threshold so an author sees what fell short.
    /// </summary>
    public static string SearchReport(KnowledgeSearchResult result, double minConfidence)
    {
        var report = new System.Text.StringBuilder();
        if (result.Declined)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"Declined: no article reaches the confidence threshold ({minConfidence:0.00}); the bot says it has no answer and the question is recorded as a knowledge gap.");
            if (result.BelowThreshold.Count > 0)
            {
                report.AppendLine("Nearest articles, under the threshold:");
                AppendHits(report, result.BelowThreshold.Take(3));
            }

            return report.ToString();
        }

        var best = result.Hits[0];
        report.AppendLine(CultureInfo.InvariantCulture, $"Answers with {best.ArticleId} \"{Printable(best.Title, 80)}\", section \"{Printable(best.SectionHeading, 60)}\":");
        foreach (var line in best.Snippet.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(4))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"    {Printable(line, 100)}");
        }

        report.AppendLine("Matches (confidence, article, title):");
        AppendHits(report, result.Hits);
        return report.ToString();
    }

    private static void AppendHits(System.Text.StringBuilder report, IEnumerable<KnowledgeHit> hits)
    {
        foreach (var hit in hits)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {hit.Confidence,5:0.00}  {hit.ArticleId}  {Printable(hit.Title, 70)}");
        }
    }

    private static async Task<int> GapsAsync(IServiceProvider services, int top, TextWriter output, CancellationToken ct)
    {
        await using var scope = await CommandLineExtensions.PrepareAsync(services, ct);
        var groups = await scope.ServiceProvider.GetRequiredService<KnowledgeGaps>().ListAsync(top, ct);
        await output.WriteAsync(GapsTable(groups));
        return 0;
    }

    public static string GapsTable(IReadOnlyList<KnowledgeGapGroup> groups)
    {
        if (groups.Count == 0)
        {
            return "No knowledge gaps recorded: every question was answered and nobody said an answer did not help.\n";
        }

        var table = new System.Text.StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"Count",5}  {"Declined",8}  {"Not helpful",11}  {"Last asked (UTC)",-16}  Example question [articles not helpful]");
        foreach (var g in groups)
        {
            var articles = g.Articles.Count > 0 ? $" [{string.Join(", ", g.Articles)}]" : "";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{g.Count,5}  {g.Declined,8}  {g.NotHelpful,11}  {g.LastAsked.UtcDateTime,-16:yyyy-MM-dd HH:mm}  {Printable(g.Example, 70)}{articles}");
        }

        return table.ToString();
    }

    // What people typed goes to a terminal: no control characters (escape sequences), one line, bounded.
    private static string Printable(string text, int max)
    {
        var line = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return line.Shorten(max);
    }
}
