using HelpdeskBot.Benchmarks.Knowledge;
using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>
/// Keeps the knowledge search benchmark (tests/HelpdeskBot.Benchmarks) working on a small scale. It checks what the
/// benchmark produces, never how fast: timings belong to the benchmark's own runs.
/// </summary>
public class KnowledgeBenchmarkTests
{
    private static string SampleArticles => RepositoryRoot.Combine("knowledge", "articles");

    [Fact]
    public void TheGeneratorWritesTheSameValidArticlesForTheSameSeed()
    {
        var first = new ArticleGenerator(SampleArticles);
        var second = new ArticleGenerator(SampleArticles);
        for (var i = 0; i < 50; i++)
        {
            var article = first.Next(i);
            var again = second.Next(i);
            Assert.Equal((article.Id, article.Text), (again.Id, again.Text));
            Assert.Equal(article.Topics, again.Topics);
            var document = ArticleParser.Parse(article.Id, article.Text, article.Id + ".md");
            var sections = ArticleSection.Split(document.Title, document.Body);
            Assert.InRange(sections.Count, 3, 6);
            Assert.InRange(article.Text.Length, 1500, 4000);
            Assert.NotEmpty(document.Tags);
        }
    }

    [Fact]
    public async Task TheBenchmarkImportsGeneratedArticlesAndAsksEveryKindOfQuestion()
    {
        var log = new StringWriter();
        var settings = new KnowledgeBenchmarkSettings(RepositoryRoot.Path, Articles: 200, Queries: 200, WarmUp: 20);

        var result = await new KnowledgeBenchmark(settings, log).RunAsync();

        Assert.Equal(200, result.Articles);
        Assert.Equal(200, result.Queries.Count);
        Assert.Equal(["absent", "keyword", "long", "misspelled", "paraphrased", "uncoverable"], result.Queries.Select(q => q.Kind).Distinct().Order());
        Assert.InRange(result.Answered, 1, 200);
        Assert.True(result.DatabaseBytes > 0 && result.PeakWorkingSetBytes > 0 && result.PeakGcHeapBytes > 0);
        Assert.Contains("p99 ms", result.Table());
        Assert.StartsWith("| 200 |", result.MarkdownRow());
        Assert.Contains("200 added", log.ToString());
    }
}
