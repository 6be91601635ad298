using System.Text;

namespace HelpdeskBot.Benchmarks.Knowledge;

/// <summary>An article the generator wrote, with what queries about it can ask.</summary>
public sealed record GeneratedArticle(string Id, string Product, string ErrorCode, string[] Topics, string Text);

/// <summary>
/// Writes realistic help desk articles, the same ones for the same seed: a title about a product and two or three
/// topic terms, tags, a service, 3-6 sections with headings (paragraphs, numbered steps, bullets), 1.5-3 KB each.
/// Words come from <see cref="ZipfWords"/>; product names and error codes are made up per article.
/// </summary>
public sealed class ArticleGenerator
{
    private static readonly string[] Services = ["accounts", "email", "network", "devices", "software", "printing", "security", "telephony", "storage", "collaboration", "hr-systems", "facilities"];
    private static readonly string[] Headings = ["Symptoms", "Cause", "Before you start", "Steps", "Fix it yourself", "Workaround", "If it still fails", "For administrators", "Known issues", "When to contact the help desk"];
    private static readonly string[] Verbs = ["install", "reset", "connect", "sync", "open", "update", "remove", "share", "restore", "configure", "sign in to", "print from"];
    private static readonly string[] Brands = ["Contoso", "Fabrikam", "Northwind", "Litware", "Tailspin", "Adatum"];

    private readonly Random _random;

    public ArticleGenerator(string sampleArticlesFolder, int seed = 20261121)
    {
        _random = new Random(seed);
        Words = new ZipfWords(sampleArticlesFolder, tailSize: 60_000, _random);
    }

    public ZipfWords Words { get; }

    /// <summary>Writes <paramref name="count"/> articles as <c>.md</c> files and returns what they are about.</summary>
    public List<GeneratedArticle> WriteTo(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var articles = new List<GeneratedArticle>(count);
        for (var i = 0; i < count; i++)
        {
            var article = Next(i);
            File.WriteAllText(Path.Combine(folder, article.Id + ".md"), article.Text);
            articles.Add(article with { Text = "" }); // keep memory flat: the text is on disk
        }

        return articles;
    }

    /// <summary>What <see cref="WriteTo"/> would write, without writing it (for a base generated before).</summary>
    public List<GeneratedArticle> List(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Next(i) with { Text = "" })];

    public GeneratedArticle Next(int number)
    {
        // Topic terms come from the middle of the frequency range, telling but shared by many articles: half of them
        // real words of the sample articles, half made-up product jargon.
        var topics = Enumerable.Range(0, _random.Next(2, 4))
            .Select(_ => Words[_random.Next(2) == 0 ? _random.Next(150, Words.SampleWords.Count) : _random.Next(Words.SampleWords.Count, 20_000)])
            .Distinct().ToArray();
        var product = $"{Brands[_random.Next(Brands.Length)]} {Capitalize(ZipfWords.MakeUp(_random, 2))}";
        var code = _random.Next(3) switch
        {
            0 => $"0x8007{_random.Next(0x10000):X4}",
            1 => $"ERR-{_random.Next(1000, 99_999)}",
            _ => $"AADSTS{_random.Next(10_000, 999_999)}",
        };
        var title = _random.Next(4) switch
        {
            0 => $"{product} {topics[0]} not working",
            1 => $"How to {Verbs[_random.Next(Verbs.Length)]} {string.Join(' ', topics)} in {product}",
            2 => $"Error {code} when you {Verbs[_random.Next(Verbs.Length)]} {topics[0]}",
            _ => $"{Capitalize(topics[0])} and {topics[^1]} problems with {product}",
        };
        var tags = string.Join(", ", topics.Append(product.ToLowerInvariant()).Append(Verbs[_random.Next(Verbs.Length)]));
        var text = new StringBuilder()
            .Append("---\n")
            .Append($"title: \"{title}\"\n")
            .Append($"tags: [{tags}]\n")
            .Append($"service: {Services[_random.Next(Services.Length)]}\n")
            .Append("audience: all employees\n")
            .Append($"owner: team-{_random.Next(1, 40)}\n")
            .Append("---\n\n");
        var target = text.Length + _random.Next(1500, 3000);
        var sections = _random.Next(3, 7);
        var context = new Context(topics, product, code);
        for (var s = 0; s < sections; s++)
        {
            var heading = _random.Next(3) == 0 ? $"Check the {topics[_random.Next(topics.Length)]}" : Headings[_random.Next(Headings.Length)];
            text.Append($"## {heading}\n\n");
            var sectionEnd = text.Length + (target - text.Length) / (sections - s);
            do
            {
                AppendBlock(text, context);
            }
            while (text.Length < sectionEnd);
        }

        return new GeneratedArticle($"gen-{number:D6}-{Slug(topics[0])}", product, code, topics, text.ToString());
    }

    private sealed record Context(string[] Topics, string Product, string Code);

    private void AppendBlock(StringBuilder text, Context context)
    {
        switch (_random.Next(3))
        {
            case 0:
                var steps = _random.Next(2, 6);
                for (var i = 1; i <= steps; i++) text.Append($"{i}. {Sentence(context)}\n");
                break;
            case 1:
                var bullets = _random.Next(2, 5);
                for (var i = 0; i < bullets; i++) text.Append($"- {Sentence(context)}\n");
                break;
            default:
                text.AppendJoin(' ', Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Sentence(context))).Append('\n');
                break;
        }

        text.Append('\n');
    }

    private string Sentence(Context context)
    {
        var words = new List<string>();
        var length = _random.Next(7, 19);
        for (var i = 0; i < length; i++)
        {
            var roll = _random.NextDouble();
            words.Add(roll switch
            {
                < 0.06 => context.Topics[_random.Next(context.Topics.Length)],
                < 0.08 => $"**{context.Product}**",
                < 0.085 => $"`{context.Code}`",
                _ => Words.Next(_random),
            });
        }

        return Capitalize(string.Join(' ', words)) + ".";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Slug(string text) => new([.. text.Where(char.IsAsciiLetterOrDigit).Take(30)]);
}
