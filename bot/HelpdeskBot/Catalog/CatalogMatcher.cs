using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Catalog;

/// <summary>
/// Finds the catalog items a message asks for by word stems: a one-word keyword counts most, then the answers the
/// item's fields offer, then the words of the title and description; words many items share count less (idf). A
/// whole keyword phrase or title ("new starter") earns a bonus, its single words only a little. Stop words are dropped unless a keyword uses
/// them ("down", "not working"). Sure when the best is clearly ahead of the next.
/// </summary>
public sealed class CatalogMatcher
{
    public const int Offered = 3;
    private const double KeywordWeight = 3, ChoiceWeight = 2, TextWeight = 1, PhraseBonus = 4;
    private const double MinSureScore = 4, MinLead = 1.5;

    private readonly ServiceCatalog _catalog;
    private readonly Dictionary<string, Dictionary<string, double>> _weights = [];
    private readonly Dictionary<string, List<string[]>> _phrases = [];
    private readonly Dictionary<string, double> _idf = [];
    private readonly HashSet<string> _keywordWords;

    public CatalogMatcher(ServiceCatalog catalog)
    {
        _catalog = catalog;
        _keywordWords = catalog.Items.SelectMany(i => i.Keywords).SelectMany(k => TextTokens.Words(k)).Where(w => w.Length > 1).ToHashSet();
        foreach (var item in catalog.Items)
        {
            var weights = new Dictionary<string, double>();
            Add(weights, item.Description, TextWeight);
            foreach (var choice in item.Fields.SelectMany(f => f.Choices))
            {
                Add(weights, choice.Title, ChoiceWeight);
            }

            Add(weights, item.Title, TextWeight);
            foreach (var keyword in item.Keywords)
            {
                Add(weights, keyword, Stems(keyword).Count() == 1 ? KeywordWeight : TextWeight);
            }

            _weights[item.Id] = weights;
            _phrases[item.Id] = item.Keywords.Append(item.Title).Select(k => Stems(k).ToArray()).Where(p => p.Length > 1).ToList();
        }

        foreach (var stem in _weights.Values.SelectMany(w => w.Keys).Distinct())
        {
            var itemsWithIt = _weights.Values.Count(w => w.ContainsKey(stem));
            _idf[stem] = Math.Log(1 + (double)catalog.Items.Count / itemsWithIt);
        }
    }

    public CatalogMatchResult Match(string text)
    {
        var stems = Stems(text).ToList();
        var ranked = _catalog.Items
            .Select(item => new CatalogMatch(item, Score(item.Id, stems)))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .ToList();
        var sure = ranked.Count > 0 && ranked[0].Score >= MinSureScore
            && (ranked.Count == 1 || ranked[0].Score >= MinLead * ranked[1].Score);
        if (sure)
        {
            return new CatalogMatchResult(ranked.Take(Offered).ToList(), true);
        }

        // The choice card always adds "something else" (the other request), so offer three others, filled up with the
        // catalog's first items when fewer matched.
        var offered = ranked.Where(m => m.Item != _catalog.Other).ToList();
        var fill = _catalog.Items.Where(i => i != _catalog.Other && offered.All(m => m.Item != i)).Select(i => new CatalogMatch(i, 0));
        return new CatalogMatchResult(offered.Concat(fill).Take(Offered).ToList(), false);
    }

    /// <summary>
    /// Whether the message just asks for the item by name ("report an incident", "reset my password"): its words are
    /// all the item's title's, besides asking words.
    /// </summary>
    public bool NamesItem(string text, CatalogItem item)
    {
        var title = Stems(item.Title).ToHashSet();
        var stems = Stems(text).ToList();
        return stems.Count > 0 && stems.All(s => title.Contains(s) || AskingStems.Contains(s));
    }

    private static readonly HashSet<string> AskingStems =
        [.. new[] { "report", "raise", "log", "open", "submit", "request", "need", "want", "new", "create", "file" }.Select(HelpdeskBot.Knowledge.Search.Stems.Of)];

    private double Score(string itemId, List<string> stems)
    {
        var weights = _weights[itemId];
        var score = stems.Distinct().Sum(s => weights.TryGetValue(s, out var w) ? w * _idf[s] : 0);
        foreach (var phrase in _phrases[itemId])
        {
            if (ContainsSequence(stems, phrase))
            {
                score += PhraseBonus;
            }
        }

        return score;
    }

    private void Add(Dictionary<string, double> weights, string text, double weight)
    {
        foreach (var stem in Stems(text))
        {
            weights[stem] = Math.Max(weight, weights.GetValueOrDefault(stem));
        }
    }

    private IEnumerable<string> Stems(string text) =>
        TextTokens.Words(text).Where(w => !StopWords.Contains(w) || _keywordWords.Contains(w)).Select(HelpdeskBot.Knowledge.Search.Stems.Of);

    private static bool ContainsSequence(List<string> stems, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= stems.Count; i++)
        {
            if (phrase.Select((p, j) => stems[i + j] == p).All(x => x))
            {
                return true;
            }
        }

        return false;
    }
}
