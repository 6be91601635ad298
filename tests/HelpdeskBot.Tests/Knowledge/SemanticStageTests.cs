using System.Net.Http.Json;
using System.Text;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>
/// The semantic stage with the real sentence model (all-MiniLM-L6-v2, loaded once per test process): compact vectors,
/// nearest sections, vectors computed once and kept in the database, a paraphrase found by meaning, and the status an
/// operator reads.
/// </summary>
public sealed class SemanticStageTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("semantic-");
    private KnowledgeFixture _kb = null!;

    public async Task InitializeAsync() => _kb = await KnowledgeFixture.CreateAsync(minConfidence: 0, semantic: true);

    public async Task DisposeAsync() => await _kb.DisposeAsync();

    public void Dispose() => _folder.Delete(recursive: true);

    private void Write(string id, string title, string body, string service = "vpn") =>
        File.WriteAllText(Path.Combine(_folder.FullName, id + ".md"), $"---\ntitle: {title}\ntags: [{service}]\nservice: {service}\n---\n{body}\n");

    private void WriteTwoArticles()
    {
        Write("vpn-from-home", "Connect to the VPN from home", "## Steps\nOpen GlobalProtect, pick the London gateway and sign in with MFA.\n## If it fails\nRestart the laptop and try another Wi-Fi.");
        Write("printer-offline", "Printer shows offline", "## Steps\nTurn the printer off and on, then clear the print queue.", "printing");
    }

    [Fact]
    public void QuantizedVectorsKeepTheCosineWithinAHundredth()
    {
        var random = new Random(7);
        var store = new SectionVectorStore(384);
        float[] Unit()
        {
            var v = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return [.. v.Select(x => x / norm)];
        }

        var sections = Enumerable.Range(0, 50).Select(_ => Unit()).ToList();
        for (var i = 0; i < sections.Count; i++) store.Add($"h{i}", sections[i]);
        var question = Unit();
        var query = store.Prepare(question);

        for (var i = 0; i < sections.Count; i++)
        {
            var exact = sections[i].Zip(question, (a, b) => a * b).Sum();
            Assert.InRange(store.Similarity(query, $"h{i}")!.Value, exact - 0.01, exact + 0.01);
        }

        var nearest = store.Nearest(query, 5);
        var expected = sections.Select((s, i) => (Hash: $"h{i}", Cosine: s.Zip(question, (a, b) => a * b).Sum())).OrderByDescending(x => x.Cosine).First().Hash;
        Assert.Equal(expected, nearest[0].Hash);
        Assert.True(nearest.Zip(nearest.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity), "most similar first");
        Assert.Null(store.Similarity(query, "not-there"));
        Assert.Equal(388L * 256, store.Bytes); // 384 bytes and a scale each, 256 slots reserved
    }

    [Fact]
    public void ALargeStoreScannedInPartsFindsWhatOneScanOfEveryVectorFinds()
    {
        var store = new SectionVectorStore(8);
        var random = new Random(11);
        var count = SectionVectorStore.ScannedInPartsFrom + 1234;
        var vectors = new List<sbyte[]>(count);
        for (var i = 0; i < count; i++)
        {
            // Few distinct values, so many vectors tie: of equal ones, the first added comes first.
            var v = Enumerable.Range(0, 8).Select(_ => (sbyte)random.Next(-3, 4)).ToArray();
            vectors.Add(v);
            store.Add($"h{i}", v, 1f);
        }

        var query = store.Prepare([0.5f, -0.25f, 0.75f, 0f, 0.1f, -0.6f, 0.3f, 0.2f]);

        var nearest = store.Nearest(query, 25);

        var expected = vectors
            .Select((v, i) => (Hash: $"h{i}", Dot: Int8Vector.Dot(v, store.Prepare([0.5f, -0.25f, 0.75f, 0f, 0.1f, -0.6f, 0.3f, 0.2f]).Vector)))
            .OrderByDescending(x => x.Dot)
            .Take(25)
            .Select(x => x.Hash);
        Assert.Equal(expected, nearest.Select(n => n.Hash));
    }

    [Fact]
    public async Task SectionsAreEmbeddedOnceAndAnotherInstanceLoadsTheirVectorsFromTheDatabase()
    {
        WriteTwoArticles();
        await _kb.Base.ImportFolderAsync(_folder.FullName, "tests", default);
        Assert.Equal(3, _kb.Embedder!.Waiting());

        Assert.Equal(3, await _kb.EmbedAsync());
        Assert.Equal(0, _kb.Embedder.Waiting());
        Assert.Equal(0, await _kb.EmbedAsync()); // nothing twice

        // Another instance: the same database and index, a store of its own, and a model that counts what it reads.
        var counting = new CountingEncoder(MiniLmSentenceEncoder.Shared);
        var store = new SectionVectorStore(counting.Dimensions);
        var other = new SectionEmbedder(_kb.Index, store, counting);
        Assert.Equal(0, await other.RunAsync(_kb.Db, default));
        Assert.Equal([SectionEmbedder.WarmUpText], counting.Read); // the model was warmed up, and read no section
        Assert.Equal(3, store.Count);

        // A changed article: only its changed section is embedded.
        Write("printer-offline", "Printer shows offline", "## Steps\nTurn the printer off and on, then clear the queue in Settings.", "printing");
        await _kb.Base.ImportFolderAsync(_folder.FullName, "tests", default);
        Assert.Equal(1, await other.RunAsync(_kb.Db, default));
        Assert.Equal(2, counting.Read.Count);
    }

    [Fact]
    public async Task SectionsEmbeddedOnSeveralThreadsEachGetTheVectorOfTheirOwnText()
    {
        await _kb.Base.ImportFolderAsync(KnowledgeFixture.SampleArticles, "tests", default);
        var encoder = new TwoAtOnceEncoder();
        var store = new SectionVectorStore(encoder.Dimensions);

        var embedded = await new SectionEmbedder(_kb.Index, store, encoder).RunAsync(_kb.Db, threads: 4, default);

        Assert.Equal(200, embedded); // the sample's sections, in more batches than one save holds
        Assert.True(encoder.MostAtOnce >= 2, $"at most {encoder.MostAtOnce} batch was encoded at once");
        var texts = _kb.Index.Search((searcher, _) => _kb.Index.Hashes()
            .ToDictionary(hash => hash, hash => KnowledgeIndex.WithHash(searcher, hash)[0].EmbeddingText));
        Assert.Equal(200, texts.Count);
        Assert.All(texts, section =>
            Assert.InRange(store.Similarity(store.Prepare(TwoAtOnceEncoder.Vector(section.Value)), section.Key)!.Value, 0.99, 1.01));
    }

    [Fact]
    public async Task AParaphraseThatSharesNoWordWithItsArticleIsFoundByMeaning()
    {
        WriteTwoArticles();
        await _kb.Base.ImportFolderAsync(_folder.FullName, "tests", default);
        const string question = "working remotely I cannot reach the office network";

        var lexical = await _kb.Search.SearchAsync(question, 3, belowThreshold: 5, default);
        Assert.DoesNotContain(lexical.Hits.Concat(lexical.BelowThreshold), h => h.ArticleId == "vpn-from-home");

        await _kb.EmbedAsync();
        var hybrid = await _kb.Search.SearchAsync(question, 3, belowThreshold: 5, default);
        Assert.Equal("vpn-from-home", hybrid.Hits.Concat(hybrid.BelowThreshold).First().ArticleId);
    }

    [Fact]
    public async Task TheStatusSaysWhenTheSemanticStageHasCaughtUp()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
            ["Knowledge:Semantic:Enabled"] = "true",
        });
        using var client = bot.CreateClient();

        // The sample base is small enough to be embedded before the bot serves.
        var status = await client.GetFromJsonAsync<KnowledgeStatusView>("/api/kb/status");
        Assert.Equal(new KnowledgeStatusView(40, status!.Sections, 0, "all-MiniLM-L6-v2"), status);
        Assert.InRange(status.Sections, 150, 400);

        // A new article: its sections wait for vectors until the background queue has embedded them.
        var put = await client.PutAsync("/api/kb/articles/wifi-guest-codes?publish=true", new StringContent(
            "---\ntitle: Guest Wi-Fi codes\ntags: [wifi]\nservice: wifi\n---\n## Steps\nAsk reception for a day code.\n## Visitors\nCodes last one day.\n",
            Encoding.UTF8, "text/markdown"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await Poll.UntilAsync(async () => (await client.GetFromJsonAsync<KnowledgeStatusView>("/api/kb/status"))!.SectionsWaitingForVectors == 0,
            "the new article's sections have vectors", TimeSpan.FromSeconds(60));
        Assert.Equal(41, (await client.GetFromJsonAsync<KnowledgeStatusView>("/api/kb/status"))!.Articles);
    }

    [Fact]
    public async Task WithTheSemanticStageOffTheStatusNamesNoModel()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?> { ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles });
        using var client = bot.CreateClient();

        var status = await client.GetFromJsonAsync<KnowledgeStatusView>("/api/kb/status");

        Assert.Equal(40, status!.Articles);
        Assert.Null(status.SectionsWaitingForVectors);
        Assert.Null(status.Model);
    }

    private sealed record KnowledgeStatusView(int Articles, int Sections, int? SectionsWaitingForVectors, string? Model);

    // A vector per text (a unit vector drawn from the text's own seed), and proof of batches encoded at once: the first
    // batch waits, up to a deadline, for a second to start (on one thread none does, and the test fails after it).
    private sealed class TwoAtOnceEncoder : ISentenceEncoder
    {
        private readonly ManualResetEventSlim _second = new();
        private int _inFlight;
        private int _mostAtOnce;
        private int _waited; // only the first batch waits

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public string Model => "fake-vectors";

        public int Dimensions => 32;

        public static float[] Vector(string text)
        {
            var random = new Random(BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))));
            var vector = Enumerable.Range(0, 32).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var length = (float)Math.Sqrt(vector.Sum(x => x * x));
            return [.. vector.Select(x => x / length)];
        }

        public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            try
            {
                int most;
                while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most) { }
                if (now >= 2) _second.Set();
                else if (Interlocked.Exchange(ref _waited, 1) == 0) _second.Wait(TimeSpan.FromSeconds(30), cancellationToken);
                return [.. texts.Select(Vector)];
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private sealed class CountingEncoder(ISentenceEncoder inner) : ISentenceEncoder
    {
        public List<string> Read { get; } = [];

        public string Model => inner.Model;

        public int Dimensions => inner.Dimensions;

        public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            Read.AddRange(texts);
            return inner.Encode(texts, cancellationToken);
        }
    }
}
