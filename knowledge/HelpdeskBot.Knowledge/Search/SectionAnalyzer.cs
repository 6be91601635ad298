using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// How the index reads a section: the words of <see cref="TextTokens"/> (lowercase runs of letters and digits,
/// diacritics removed), stemmed by <see cref="Stems"/> in every field but <see cref="KnowledgeIndex.WordsField"/>, whose
/// plain words are the vocabulary that typos are corrected against. Query and index share the tokenizing and the
/// stemmer, so a concept's stems are exactly the index's terms.
/// </summary>
public sealed class SectionAnalyzer() : Analyzer(PER_FIELD_REUSE_STRATEGY) // the words field is not stemmed
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var words = new WordTokenizer(reader);
        return fieldName == KnowledgeIndex.WordsField
            ? new TokenStreamComponents(words)
            : new TokenStreamComponents(words, new StemFilter(words));
    }

    private sealed class WordTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private List<string> _words = [];
        private int _next;

        public WordTokenizer(TextReader input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override void Reset()
        {
            base.Reset();
            _words = TextTokens.Words(m_input.ReadToEnd(), int.MaxValue);
            _next = 0;
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (_next >= _words.Count)
            {
                return false;
            }

            _term.SetEmpty().Append(_words[_next++]);
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

            var stem = Stems.Of(_term.ToString());
            _term.SetEmpty().Append(stem);
            return true;
        }
    }
}
