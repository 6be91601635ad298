using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// How the index reads a section: the words of <see cref="TextTokens"/> (lowercase runs of letters and digits,
/// diacritics removed), stemmed by <see cref="Stems"/> in every field but <see cref="KnowledgeIndex.WordsField"/>, whose
/// plain words are the vocabulary that typos are corrected against. Query and index share the tokenizing and the
/// stemmer, so a concept's stems are exactly the index's terms. The keyword fields (article id, hash, service) are one
/// term each, their whole value, as a <c>StringField</c>'s would be: read through the analyzer, whose token streams
/// are reused, rather than a new stream per field of every section (which an import of many sections pays for).
/// </summary>
public sealed class SectionAnalyzer() : Analyzer(PER_FIELD_REUSE_STRATEGY) // the words field is not stemmed
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        if (KnowledgeIndex.IsKeywordField(fieldName))
        {
            return new TokenStreamComponents(new KeywordTokenizer(reader));
        }

        var words = new WordTokenizer(reader);
        return fieldName == KnowledgeIndex.WordsField
            ? new TokenStreamComponents(words)
            : new TokenStreamComponents(words, new StemFilter(words));
    }

    // The words of TextTokens.Words, read straight into the term's buffer.
    private sealed class WordTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private string _text = "";
        private int _next;

        public WordTokenizer(TextReader input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override void Reset()
        {
            base.Reset();
            _text = TextTokens.RemoveDiacritics(m_input.ReadToEnd());
            _next = 0;
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            var text = _text;
            var start = _next;
            while (start < text.Length && !char.IsLetterOrDigit(text[start])) start++;
            if (start >= text.Length)
            {
                _next = text.Length;
                return false;
            }

            var end = start;
            while (end < text.Length && char.IsLetterOrDigit(text[end])) end++;
            var buffer = _term.ResizeBuffer(end - start);
            for (var i = start; i < end; i++) buffer[i - start] = char.ToLowerInvariant(text[i]);
            _term.SetLength(end - start);
            _next = end;
            return true;
        }
    }

    private sealed class StemFilter : TokenFilter
    {
        private readonly ICharTermAttribute _term;

        public StemFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            if (Stems.OfChanged(_term.Buffer.AsSpan(0, _term.Length)) is { } stem)
            {
                _term.SetEmpty().Append(stem);
            }

            return true;
        }
    }
}
