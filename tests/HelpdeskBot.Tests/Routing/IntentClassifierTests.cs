using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Routing;
using HelpdeskBot.Tests.Catalog;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpdeskBot.Tests.Routing;

/// <summary>
/// The examples' vectors are kept in a file, so a restart does not embed them again (a stand-in model here: what is
/// checked is what gets embedded, not what the vectors mean).
/// </summary>
public sealed class IntentClassifierTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("helpdesk-routing-").FullName;

    private string VectorsPath => Path.Combine(_folder, "helpdesk.routing-vectors");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ASecondStartReadsTheExamplesVectorsInsteadOfEmbeddingThem()
    {
        var first = new StandInEncoder();
        var before = new IntentClassifier(first, ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("my screen is cracked", default);
        Assert.True(first.Embedded > 100, $"{first.Embedded} texts embedded on the first start");

        var second = new StandInEncoder();
        var after = new IntentClassifier(second, ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("my screen is cracked", default);

        Assert.Equal(1, second.Embedded); // the message alone
        Assert.Equal(before.Select(s => (s.Intent, s.Score)), after.Select(s => (s.Intent, s.Score)));
    }

    [Fact]
    public void AnotherModelsVectorsAreNotUsed()
    {
        _ = new IntentClassifier(new StandInEncoder("model-a"), ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("hello", default);

        var other = new StandInEncoder("model-b");
        _ = new IntentClassifier(other, ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("hello", default);

        Assert.True(other.Embedded > 100);
    }

    [Fact]
    public void ADamagedFileIsEmbeddedAgainAndWrittenAnew()
    {
        File.WriteAllBytes(VectorsPath, [1, 2, 3, 4, 5]);

        var encoder = new StandInEncoder();
        _ = new IntentClassifier(encoder, ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("hello", default);
        Assert.True(encoder.Embedded > 100);

        var next = new StandInEncoder();
        _ = new IntentClassifier(next, ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("hello", default);
        Assert.Equal(1, next.Embedded);
    }

    [Fact]
    public void AnExampleAddedSinceIsTheOnlyOneEmbedded()
    {
        var examples = Intents.Examples(ShippedCatalog.Catalog);
        var kept = examples.Skip(1).ToDictionary(e => VectorFile.Key(e.Text), e => StandInEncoder.Vector(e.Text));
        VectorFile.Write(VectorsPath, StandInEncoder.DefaultModel, StandInEncoder.Size, kept.GroupBy(k => k.Key).ToDictionary(g => g.Key, g => g.First().Value));

        var encoder = new StandInEncoder();
        _ = new IntentClassifier(encoder, ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("hello", default);

        Assert.Equal([examples[0].Text, "hello"], encoder.Texts.Where(t => t == examples[0].Text || t == "hello"));
    }

    [Fact]
    public void AnExampleNoLongerInTheCatalogIsDroppedFromTheFile()
    {
        var kept = Intents.Examples(ShippedCatalog.Catalog).Select(e => e.Text).Append("an example since removed")
            .Distinct().ToDictionary(VectorFile.Key, StandInEncoder.Vector);
        VectorFile.Write(VectorsPath, StandInEncoder.DefaultModel, StandInEncoder.Size, kept);

        var encoder = new StandInEncoder();
        _ = new IntentClassifier(encoder, ShippedCatalog.Catalog, NullLogger<IntentClassifier>.Instance, VectorsPath).Rank("hello", default);

        Assert.Equal(1, encoder.Embedded);
        var now = VectorFile.Read(VectorsPath, StandInEncoder.DefaultModel, StandInEncoder.Size);
        Assert.Equal(kept.Count - 1, now.Count);
        Assert.DoesNotContain(VectorFile.Key("an example since removed"), now.Keys);
    }

    // A deterministic vector per text, and a count of what was embedded.
    private sealed class StandInEncoder(string model = StandInEncoder.DefaultModel) : ISentenceEncoder
    {
        public const string DefaultModel = "stand-in";
        public const int Size = 8;

        public List<string> Texts { get; } = [];

        public int Embedded => Texts.Count;

        public string Model => model;

        public int Dimensions => Size;

        public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            Texts.AddRange(texts);
            return [.. texts.Select(Vector)];
        }

        public static float[] Vector(string text)
        {
            var random = new Random(text.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
            var v = Enumerable.Range(0, Size).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return [.. v.Select(x => x / norm)];
        }
    }
}
