using System.Text.Json;

namespace HelpdeskBot.Benchmarks.Knowledge;

/// <summary>A benchmark question and what kind of question it is.</summary>
public sealed record BenchmarkQuery(string Kind, string Text);

/// <summary>
/// A fixed mix of questions over the generated articles, the same for the same seed. Per 20 questions: 5 keyword
/// (topic terms of an article), 3 misspelled (one of them with a typo), 4 paraphrased and 3 uncoverable (people's own
/// words, from the labeled question set), 3 long (40 words of context around an article's topics) and 2 of words
/// absent from the index (made up, so typo correction searches the whole vocabulary and finds nothing).
/// </summary>
public static class QueryMix
{
    private static readonly string[] Pattern =
    [
        "keyword", "paraphrased", "misspelled", "long", "uncoverable", "keyword", "absent", "paraphrased", "keyword", "misspelled",
        "uncoverable", "long", "keyword", "paraphrased", "misspelled", "absent", "keyword", "uncoverable", "paraphrased", "long",
    ];

    private sealed record LabeledQuestion(string Q, string Kind);

    public static List<BenchmarkQuery> Build(
        IReadOnlyList<GeneratedArticle> articles, ZipfWords words, string labeledQuestionsPath, int count, int seed = 7)
    {
        var random = new Random(seed);
        var labeled = JsonSerializer.Deserialize<LabeledQuestion[]>(
            File.ReadAllText(labeledQuestionsPath), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var paraphrased = labeled.Where(q => q.Kind == "paraphrased").Select(q => q.Q).ToArray();
        var uncoverable = labeled.Where(q => q.Kind == "uncoverable").Select(q => q.Q).ToArray();
        var queries = new List<BenchmarkQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var article = articles[random.Next(articles.Count)];
            var kind = Pattern[i % Pattern.Length];
            queries.Add(new BenchmarkQuery(kind, kind switch
            {
                "keyword" => Keywords(article, random),
                "misspelled" => Misspell(Keywords(article, random), random),
                "paraphrased" => paraphrased[random.Next(paraphrased.Length)],
                "uncoverable" => uncoverable[random.Next(uncoverable.Length)],
                "long" => Long(article, words, random),
                _ => Absent(words, random),
            }));
        }

        return queries;
    }

    private static string Keywords(GeneratedArticle article, Random random) => random.Next(3) switch
    {
        0 => $"{article.Product} {article.Topics[0]}",
        1 => string.Join(' ', article.Topics),
        _ => $"{article.Topics[^1]} {article.ErrorCode}",
    };

    // One edit inside the longest word: swap, drop or replace a letter (people rarely mistype the first one).
    private static string Misspell(string text, Random random)
    {
        var parts = text.Split(' ');
        var longest = Array.IndexOf(parts, parts.MaxBy(p => p.Length));
        var word = parts[longest];
        if (word.Length < 5) return text + " pasword";
        var at = random.Next(1, word.Length - 1);
        parts[longest] = random.Next(3) switch
        {
            0 => word[..at] + word[at + 1] + word[at] + word[(at + 2)..],
            1 => word.Remove(at, 1),
            _ => word[..at] + (char)('a' + random.Next(26)) + word[(at + 1)..],
        };
        return string.Join(' ', parts);
    }

    private static string Long(GeneratedArticle article, ZipfWords words, Random random)
    {
        var text = new List<string> { "hi", "since", "this", "morning" };
        while (text.Count < 40)
        {
            text.Add(random.Next(6) == 0 ? article.Topics[random.Next(article.Topics.Length)] : words[random.Next(400)]);
        }

        return string.Join(' ', text);
    }

    private static string Absent(ZipfWords words, Random random)
    {
        var text = new List<string>();
        var count = random.Next(2, 5);
        while (text.Count < count)
        {
            var made = ZipfWords.MakeUp(random, random.Next(2, 4)) + "q";
            if (!words.Known.Contains(made)) text.Add(made);
        }

        return string.Join(' ', text);
    }
}
