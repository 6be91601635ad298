using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Storage;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// The Lucene.Net index of the published articles, a document per section (article id, title, tags, heading, text as
/// search reads it, text as people read it, service). The database stays the truth: every publish and retire records a
/// change (<see cref="KnowledgeChanges"/>) in its transaction, and <see cref="CatchUpAsync"/> applies the changes this
/// index has not seen, commits with the generation it reached (the stamp in the commit's user data), and refreshes the
/// near-real-time reader, so the very next search sees them. An index that is missing, unreadable, of another format or
/// of another database is rebuilt from the database. One instance per index folder (it holds Lucene's write lock);
/// several bot instances each keep their own folder and catch up with the same changes.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    public const string ArticleField = "article";
    public const string OrdinalField = "ordinal";
    public const string TitleField = "title";
    public const string TagsField = "tags";
    public const string HeadingField = "heading";
    public const string BodyField = "body";
    public const string DisplayField = "display";
    public const string ServiceField = "service";

    /// <summary>The hash of the text the sentence model reads for the section (<see cref="EmbeddingText"/>): its vector's key.</summary>
    public const string HashField = "hash";

    /// <summary>The plain (unstemmed) words of all fields: the vocabulary typos are corrected against.</summary>
    public const string WordsField = "words";

    // Doc values: what ranking reads of a section without reading its stored text (see IndexedSections).
    internal const string ArticleValues = "article-values";
    internal const string OrdinalValues = "ordinal-values";
    internal const string HashValues = "hash-values";

    /// <summary>The heading, for choosing the section an answer shows; absent when too long for doc values (read the stored one).</summary>
    internal const string HeadingValues = "heading-values";

    // Lucene's limit for a doc value.
    private const int MaxValueBytes = 32766;

    /// <summary>How many words the body field holds (the length BM25 over concepts normalizes by).</summary>
    internal const string BodyLengthValues = "body-length";

    // Bumped when the documents change shape: an index of another format is rebuilt.
    private const string Format = "sections-5";
    private const string GenerationKey = "generation";
    private const string FormatKey = "format";

    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly System.Threading.Lock _vocabularyLock = new();
    private (IndexReader? Reader, Vocabulary Vocabulary) _vocabulary = (null, new Vocabulary(0, 0, []));
    private bool _rebuild;

    /// <summary>Opens (or creates) the index in <paramref name="directory"/>; an unreadable one is started afresh.</summary>
    public KnowledgeIndex(LuceneDirectory directory, ILogger<KnowledgeIndex>? logger = null)
    {
        _directory = directory;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _writer = OpenWriter(directory, out var fresh);
        var data = _writer.CommitData;
        Generation = data.TryGetValue(GenerationKey, out var stamp) && long.TryParse(stamp, out var generation) ? generation : 0;
        _rebuild = fresh || !data.TryGetValue(FormatKey, out var format) || format != Format;
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25Searchers());
    }

    /// <summary>
    /// An index in a folder (created when missing). When another instance on this machine holds the folder (several
    /// instances beside one database), the next free one is used (<c>folder.2</c>, <c>folder.3</c>...): each instance
    /// keeps an index of its own, built from the database.
    /// </summary>
    public static KnowledgeIndex Open(string folder, ILogger<KnowledgeIndex>? logger = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var path = attempt == 1 ? folder : $"{folder}.{attempt}";
            System.IO.Directory.CreateDirectory(path);
            var directory = new MappedDirectory(path);
            try
            {
                return new KnowledgeIndex(directory, logger);
            }
            catch (LockObtainFailedException) when (attempt < 20)
            {
                directory.Dispose();
                logger?.LogInformation("The knowledge index at {Folder} is in use by another instance; trying the next folder", path);
            }
        }
    }

    /// <summary>The folder the index is kept in; null for an index in memory.</summary>
    public string? Folder => (_directory as FSDirectory)?.Directory.FullName;

    /// <summary>An index in memory (tests, and the temporary knowledge base of <c>kb evaluate</c>).</summary>
    public static KnowledgeIndex InMemory() => new(new RAMDirectory());

    /// <summary>Raised after the index took changes (new sections may want vectors).</summary>
    public event Action? Changed;

    /// <summary>The database generation whose changes this index holds.</summary>
    public long Generation { get; private set; }

    private IndexWriter OpenWriter(LuceneDirectory directory, out bool fresh)
    {
        fresh = !DirectoryReader.IndexExists(directory);
        try
        {
            return new IndexWriter(directory, WriterConfig(fresh ? OpenMode.CREATE : OpenMode.APPEND));
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
            or IOException and not LockObtainFailedException)
        {
            // Rebuilt from the database, which holds every published article.
            _logger.LogWarning(ex, "The knowledge index could not be read; it is built again from the database");
            fresh = true;
            return new IndexWriter(directory, WriterConfig(OpenMode.CREATE));
        }
    }

    // A larger buffer than Lucene's 16 MB writes a large build as fewer segments: every query looks each of its terms
    // up in every segment, so fewer segments search faster (10,000 articles fit one). Segments are written as their
    // files, not copied once more into a compound file (the index has few segments, so few files).
    private static IndexWriterConfig WriterConfig(OpenMode mode) =>
        new(Version, new SectionAnalyzer())
        {
            OpenMode = mode, Similarity = new BM25Similarity(), RAMBufferSizeMB = 64, UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
        };

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new Searcher(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>
    /// A searcher that remembers, for its reader, what Lucene otherwise looks up for every query it weighs: a field's
    /// statistics and a term's state in each segment (<see cref="TermStates"/>). Both are facts of the reader, which
    /// never changes, so scores are exactly those of a plain searcher; a question's common words are found once.
    /// </summary>
    internal sealed class Searcher(IndexReader reader) : IndexSearcher(reader)
    {
        // Terms remembered per reader; beyond this, states are looked up per query as Lucene does.
        private const int RememberedTerms = 100_000;

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CollectionStatistics> _fields = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Term, TermContext> _terms = new();

        public override CollectionStatistics CollectionStatistics(string field) =>
            _fields.GetOrAdd(field, f => base.CollectionStatistics(f));

        /// <summary>Where the term is in each segment of the reader, with its statistics (for <c>new TermQuery(term, states)</c>).</summary>
        public TermContext TermStates(Term term)
        {
            if (_terms.TryGetValue(term, out var states))
            {
                return states;
            }

            states = TermContext.Build(TopReaderContext, term);
            if (_terms.Count < RememberedTerms) _terms.TryAdd(term, states);
            return states;
        }
    }

    /// <summary>The term's states in the searcher's segments when it remembers them, else null (Lucene looks them up).</summary>
    internal static TermContext? TermStates(IndexSearcher searcher, Term term) => (searcher as Searcher)?.TermStates(term);

    /// <summary>
    /// Brings the index up to the database: the articles changed since <see cref="Generation"/> are indexed again (or
    /// taken out), or everything is when the index is new, of another format, or ahead of the database (another
    /// database). Cheap when current: one read of the database's generation. Returns how many articles it indexed.
    /// </summary>
    public async Task<int> CatchUpAsync(KnowledgeDbContext db, CancellationToken cancellationToken)
    {
        var target = await KnowledgeChanges.GenerationAsync(db, cancellationToken);
        if (target == Generation && !_rebuild)
        {
            return 0;
        }

        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            target = await KnowledgeChanges.GenerationAsync(db, cancellationToken);
            if (target == Generation && !_rebuild)
            {
                return 0;
            }

            int indexed;
            try
            {
                if (_rebuild || target < Generation)
                {
                    _writer.DeleteAll();
                    indexed = await IndexAsync(db, null, cancellationToken);
                    _logger.LogInformation("Built the knowledge index from the database: {Articles} published articles", indexed);
                }
                else
                {
                    var changed = await KnowledgeChanges.ArticlesChangedSinceAsync(db, Generation, cancellationToken);
                    foreach (var id in changed)
                    {
                        _writer.DeleteDocuments(new Term(ArticleField, id));
                    }

                    indexed = await IndexAsync(db, changed, cancellationToken);
                }
            }
            catch
            {
                // Half-applied changes are not committed; the next try starts over from the database.
                _rebuild = true;
                throw;
            }

            _writer.SetCommitData(new Dictionary<string, string>
            {
                [GenerationKey] = target.ToString(System.Globalization.CultureInfo.InvariantCulture), [FormatKey] = Format,
            });
            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
            (Generation, _rebuild) = (target, false);
            Search((_, _) => true); // the vocabulary of the new reader, read now: the change pays for it, not the next question
            Changed?.Invoke();
            return indexed;
        }
        finally
        {
            _catchUp.Release();
        }
    }

    private const int PreparedTogether = 500;

    // The published versions of the given articles (all when null), read in batches.
    private async Task<int> IndexAsync(KnowledgeDbContext db, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var published =
            from a in db.Articles.AsNoTracking()
            where a.State == ArticleState.Published
            join v in db.ArticleVersions.AsNoTracking() on new { Id = a.Id, Number = a.PublishedVersion!.Value } equals new { Id = v.ArticleId, v.Number }
            select v;
        IEnumerable<IQueryable<ArticleVersion>> queries = ids is null
            ? [published]
            : ids.Chunk(500).Select(batch => published.Where(v => batch.Contains(v.ArticleId)));
        var count = 0;
        var read = new List<ArticleVersion>(PreparedTogether);
        foreach (var query in queries)
        {
            await foreach (var version in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                read.Add(version);
                if (read.Count == PreparedTogether) Add();
            }
        }

        Add();
        return count;

        // The sections are split and hashed on other threads while this one adds the articles, in the order read.
        void Add()
        {
            foreach (var documents in read.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(v => Documents(v).ToList()))
            {
                _writer.AddDocuments(documents);
                count++;
            }

            read.Clear();
        }
    }

    private static IEnumerable<Document> Documents(ArticleVersion version)
    {
        var tags = string.Join(' ', version.TagList);
        foreach (var section in ArticleSection.Split(version.Title, version.Body))
        {
            var embedding = EmbeddingText(version.Title, section.Heading, section.PlainText);
            var hash = Hash(embedding);
            yield return
            [
                new Field(HashField, hash, KeywordType),
                new Field(ArticleField, version.ArticleId, KeywordType),
                new StoredField(OrdinalField, section.Ordinal),
                new TextField(TitleField, version.Title, Field.Store.YES),
                new TextField(TagsField, tags, Field.Store.YES),
                new TextField(HeadingField, section.Heading, Field.Store.YES),
                new TextField(BodyField, section.PlainText, Field.Store.YES),
                new StoredField(DisplayField, section.DisplayText),
                new Field(ServiceField, version.Service, KeywordType),
                new Field(WordsField, $"{version.Title}\n{tags}\n{section.Heading}\n{section.PlainText}", WordsType),
                new SortedDocValuesField(ArticleValues, new BytesRef(version.ArticleId)),
                new NumericDocValuesField(OrdinalValues, section.Ordinal),
                new SortedDocValuesField(HashValues, new BytesRef(hash)),
                new NumericDocValuesField(BodyLengthValues, TextTokens.Count(section.PlainText)),
                .. System.Text.Encoding.UTF8.GetByteCount(section.Heading) <= MaxValueBytes
                    ? new Field[] { new SortedDocValuesField(HeadingValues, new BytesRef(section.Heading)) }
                    : [],
            ];
        }
    }

    // A keyword field holds its whole value as one term, as a StringField does, but through the analyzer (see
    // SectionAnalyzer), and stored.
    private static readonly FieldType KeywordType = new(StringField.TYPE_STORED) { IsTokenized = true };

    /// <summary>Whether a field is one term, its whole value (article id, hash, service).</summary>
    public static bool IsKeywordField(string field) => field is ArticleField or HashField or ServiceField;

    // The words field is only ever listed with each word's section count (the vocabulary), never searched: no
    // frequencies, positions or norms.
    private static readonly FieldType WordsType = new(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true,
    };

    /// <summary>What the sentence model reads of a section: its article's title, its heading (when another) and its text.</summary>
    public static string EmbeddingText(string title, string heading, string text) =>
        heading == title || heading.Length == 0 ? $"{title}. {text}" : $"{title}. {heading}. {text}";

    private static string Hash(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)), 0, 16);

    /// <summary>A section as search reads it and as the answer shows it.</summary>
    public sealed record StoredSection(
        string ArticleId, int Ordinal, string Title, string Tags, string Heading, string Body, string Display, string Hash)
    {
        public string EmbeddingText => KnowledgeIndex.EmbeddingText(Title, Heading, Body);
    }

    /// <summary>The sections whose text has this hash (usually one).</summary>
    public static List<StoredSection> WithHash(IndexSearcher searcher, string hash) =>
        [.. searcher.Search(new TermQuery(new Term(HashField, hash)), 10).ScoreDocs.Select(hit => Read(searcher.Doc(hit.Doc)))];

    /// <summary>The hashes of the sections the index holds now.</summary>
    public List<string> Hashes() => Search((searcher, _) =>
    {
        var hashes = new List<string>();
        if (MultiFields.GetTerms(searcher.IndexReader, HashField) is { } terms)
        {
            var liveDocs = MultiFields.GetLiveDocs(searcher.IndexReader);
            var each = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (each.MoveNext())
            {
                docs = each.Docs(liveDocs, docs, DocsFlags.NONE);
                if (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) hashes.Add(each.Term.Utf8ToString());
            }
        }

        return hashes;
    });

    /// <summary>Runs <paramref name="search"/> on the current reader, with that reader's vocabulary.</summary>
    public T Search<T>(Func<IndexSearcher, Vocabulary, T> search)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher, VocabularyOf(searcher.IndexReader));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Runs <paramref name="search"/> on the current reader, with that reader's vocabulary, the reader held until it completes.</summary>
    public async Task<T> SearchAsync<T>(Func<IndexSearcher, Vocabulary, Task<T>> search)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return await search(searcher, VocabularyOf(searcher.IndexReader));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The top <paramref name="count"/> sections for a query, best first.</summary>
    public static List<StoredSection> Top(IndexSearcher searcher, Query query, int count) =>
        [.. searcher.Search(query, count).ScoreDocs.Select(hit => Read(searcher.Doc(hit.Doc)))];

    /// <summary>Every section of an article, in order.</summary>
    public static List<StoredSection> SectionsOf(IndexSearcher searcher, string articleId) =>
        [.. searcher.Search(new TermQuery(new Term(ArticleField, articleId)), 1000).ScoreDocs
            .Select(hit => Read(searcher.Doc(hit.Doc))).OrderBy(s => s.Ordinal)];

    /// <summary>
    /// The full text of the hits' sections as people read them, in the hits' order, for answers composed from them. A
    /// section gone since the search (article retired meanwhile) gives its snippet.
    /// </summary>
    public IReadOnlyList<string> ReadSectionTexts(IEnumerable<KnowledgeHit> hits) => Search((searcher, _) =>
        hits.Select(hit => SectionsOf(searcher, hit.ArticleId).FirstOrDefault(s => s.Ordinal == hit.SectionOrdinal)?.Display ?? hit.Snippet).ToList());

    /// <summary>How many sections and articles the index holds now.</summary>
    public (int Articles, int Sections) Counts() => Search((searcher, _) =>
    {
        var reader = searcher.IndexReader;
        var articles = MultiFields.GetTerms(reader, ArticleField) is { } terms ? CountLive(reader, terms) : 0;
        return (articles, reader.NumDocs);
    });

    private static int CountLive(IndexReader reader, Terms terms)
    {
        var liveDocs = MultiFields.GetLiveDocs(reader);
        var count = 0;
        var each = terms.GetEnumerator();
        DocsEnum? docs = null;
        while (each.MoveNext())
        {
            docs = each.Docs(liveDocs, docs, DocsFlags.NONE);
            if (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) count++;
        }

        return count;
    }

    /// <summary>A section's stored fields.</summary>
    internal static StoredSection Read(IndexSearcher searcher, int doc) => Read(searcher.Doc(doc));

    /// <summary>A section's heading alone (its stored text is not decoded).</summary>
    internal static string HeadingOf(IndexSearcher searcher, int doc)
    {
        var visitor = new OneField(HeadingField);
        searcher.IndexReader.Document(doc, visitor);
        return visitor.Value ?? "";
    }

    private sealed class OneField(string name) : StoredFieldVisitor
    {
        public string? Value { get; private set; }

        public override Status NeedsField(FieldInfo fieldInfo) =>
            Value is not null ? Status.STOP : fieldInfo.Name == name ? Status.YES : Status.NO;

        public override void StringField(FieldInfo fieldInfo, string value) => Value = value;
    }

    private static StoredSection Read(Document doc) => new(
        doc.Get(ArticleField), doc.GetField(OrdinalField).GetInt32Value() ?? 0, doc.Get(TitleField) ?? "", doc.Get(TagsField) ?? "",
        doc.Get(HeadingField) ?? "", doc.Get(BodyField) ?? "", doc.Get(DisplayField) ?? "", doc.Get(HashField) ?? "");

    /// <summary>The vocabulary last read (for tests: whether a question had to read it).</summary>
    internal Vocabulary CurrentVocabulary => _vocabulary.Vocabulary;

    // The plain words and their section counts, read once per reader (after each change).
    private Vocabulary VocabularyOf(IndexReader reader)
    {
        var (cachedReader, cached) = _vocabulary;
        if (ReferenceEquals(cachedReader, reader))
        {
            return cached;
        }

        lock (_vocabularyLock)
        {
            if (ReferenceEquals(_vocabulary.Reader, reader))
            {
                return _vocabulary.Vocabulary;
            }

            var words = new List<(string, int)>();
            if (MultiFields.GetTerms(reader, WordsField) is { } terms)
            {
                var each = terms.GetEnumerator();
                while (each.MoveNext())
                {
                    words.Add((each.Term.Utf8ToString(), each.DocFreq));
                }
            }

            var vocabulary = new Vocabulary(Generation, reader.NumDocs, words);
            _vocabulary = (reader, vocabulary);
            return vocabulary;
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }
}
