using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// What ranking reads of the index's sections without reading their text: each section's article, ordinal, content
/// hash and body length from doc values, and how often each of the question's stems occurs in a field of it from the
/// postings the index already holds (the counts the old way got by tokenizing and stemming the stored text again).
/// One per search: it reads one reader's segments.
/// </summary>
internal sealed class IndexedSections(IndexSearcher searcher)
{
    private readonly IList<AtomicReaderContext> _leaves = searcher.IndexReader.Leaves;
    private readonly Dictionary<int, Leaf> _opened = [];

    /// <summary>A section as ranking knows it: where it is in the index and what it belongs to.</summary>
    public readonly record struct Section(int Doc, string ArticleId, int Ordinal, string Hash, int BodyLength);

    // The doc values are asked for at each read, never kept: a segment reader hands out one instance per thread and
    // hands the same one to the next caller on that thread, while a search goes on after an await on another thread.
    // Kept, two searches would read through one instance at once (its stream position is shared): wrong values, or
    // Lucene throwing, as the load generator found. Asking again is a thread-local lookup.
    private sealed class Leaf(AtomicReaderContext context)
    {
        public AtomicReaderContext Context { get; } = context;
        public SortedDocValues? Articles => Context.AtomicReader.GetSortedDocValues(KnowledgeIndex.ArticleValues);
        public SortedDocValues? Hashes => Context.AtomicReader.GetSortedDocValues(KnowledgeIndex.HashValues);
        public NumericDocValues? Ordinals => Context.AtomicReader.GetNumericDocValues(KnowledgeIndex.OrdinalValues);
        public NumericDocValues? BodyLengths => Context.AtomicReader.GetNumericDocValues(KnowledgeIndex.BodyLengthValues);
        public SortedDocValues? Headings => Context.AtomicReader.GetSortedDocValues(KnowledgeIndex.HeadingValues);
    }

    private Leaf LeafOf(int doc, out int local)
    {
        var index = ReaderUtil.SubIndex(doc, _leaves);
        if (!_opened.TryGetValue(index, out var leaf))
        {
            _opened[index] = leaf = new Leaf(_leaves[index]);
        }

        local = doc - leaf.Context.DocBase;
        return leaf;
    }

    public Section Of(int doc)
    {
        var leaf = LeafOf(doc, out var local);
        var bytes = new BytesRef();
        leaf.Articles?.Get(local, bytes);
        var article = bytes.Utf8ToString();
        leaf.Hashes?.Get(local, bytes);
        var hash = bytes.Utf8ToString();
        return new Section(doc, article, (int)(leaf.Ordinals?.Get(local) ?? 0), hash, (int)(leaf.BodyLengths?.Get(local) ?? 0));
    }

    /// <summary>A section's heading: from doc values, or its stored text when it was too long for them.</summary>
    public string HeadingOf(int doc)
    {
        var leaf = LeafOf(doc, out var local);
        if (leaf.Headings is not { } headings || headings.GetOrd(local) < 0)
        {
            return KnowledgeIndex.HeadingOf(searcher, doc);
        }

        var bytes = new BytesRef();
        headings.Get(local, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>The sections of an article, in order (as <see cref="KnowledgeIndex.SectionsOf"/> finds them).</summary>
    public List<Section> OfArticle(string articleId) =>
        [.. Postings(KnowledgeIndex.ArticleField, articleId, int.MaxValue).Select(Of).OrderBy(s => s.Ordinal)];

    /// <summary>
    /// The sections whose text has this hash, in the order <see cref="KnowledgeIndex.WithHash"/> finds them (up to 10;
    /// all score alike there, so in index order), read from the postings without scoring.
    /// </summary>
    public IEnumerable<Section> WithHash(string hash) => Postings(KnowledgeIndex.HashField, hash, 10).Select(Of);

    // Each segment's terms of a keyword field, opened once per search: a search looks up a hash for each of the 20
    // sections nearest in meaning, and opening a segment's terms costs more than finding one in them.
    private readonly Dictionary<(int Leaf, string Field), TermsEnum?> _terms = [];
    private DocsEnum? _docs;

    // The live sections holding a keyword field's term, in index order, up to max.
    private List<int> Postings(string field, string value, int max)
    {
        var term = new BytesRef(value);
        var docs = new List<int>();
        for (var leaf = 0; leaf < _leaves.Count && docs.Count < max; leaf++)
        {
            var context = _leaves[leaf];
            if (!_terms.TryGetValue((leaf, field), out var each))
            {
                _terms[(leaf, field)] = each = context.AtomicReader.GetTerms(field)?.GetEnumerator();
            }

            if (each is null || !each.SeekExact(term)) continue;
            _docs = each.Docs(context.AtomicReader.LiveDocs, _docs, DocsFlags.NONE);
            for (var doc = _docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS && docs.Count < max; doc = _docs.NextDoc())
            {
                docs.Add(context.DocBase + doc);
            }
        }

        return docs;
    }

    /// <summary>
    /// How often each stem occurs in each field of each section: <c>counts[section][field * stems.Count + stem]</c>,
    /// the same numbers tokenizing and stemming the field's text gives (the index was built with that very analysis).
    /// </summary>
    public int[][] Counts(IReadOnlyList<int> docs, IReadOnlyList<string> fields, IReadOnlyList<string> stems)
    {
        var counts = new int[docs.Count][];
        for (var i = 0; i < docs.Count; i++) counts[i] = new int[fields.Count * stems.Count];
        if (stems.Count == 0) return counts;

        var terms = stems.Select(s => new BytesRef(s)).ToArray();
        // Per segment, its sections in index order, so each postings list is read forward once.
        foreach (var segment in Enumerable.Range(0, docs.Count)
            .Select(i => (Index: i, Leaf: ReaderUtil.SubIndex(docs[i], _leaves)))
            .GroupBy(x => x.Leaf))
        {
            var context = _leaves[segment.Key];
            var ordered = segment.Select(x => (x.Index, Local: docs[x.Index] - context.DocBase)).OrderBy(x => x.Local).ToArray();
            for (var f = 0; f < fields.Count; f++)
            {
                var fieldTerms = context.AtomicReader.GetTerms(fields[f]);
                if (fieldTerms is null) continue;
                var each = fieldTerms.GetEnumerator();
                DocsEnum? postings = null;
                for (var s = 0; s < terms.Length; s++)
                {
                    if (!each.SeekExact(terms[s])) continue;
                    postings = each.Docs(null, postings, DocsFlags.FREQS);
                    var at = -1;
                    foreach (var (index, local) in ordered)
                    {
                        if (at < local) at = postings.Advance(local);
                        if (at == DocIdSetIterator.NO_MORE_DOCS) break;
                        if (at == local) counts[index][f * terms.Length + s] = postings.Freq;
                    }
                }
            }
        }

        return counts;
    }
}
