namespace HelpdeskBot.Knowledge.Search;

/// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up past a bound.</summary>
public static class EditDistance
{
    /// <summary>
    /// The distance when it is at most <paramref name="max"/>; otherwise some number above it. Only the cells within
    /// <paramref name="max"/> of the diagonal are computed (any other is already further), in rows on the stack:
    /// typo correction compares a word with thousands of the vocabulary's on every question.
    /// </summary>
    public static int Bounded(string a, string b, int max)
    {
        var over = max + 1;
        if (Math.Abs(a.Length - b.Length) > max) return over;
        var n = b.Length + 1;
        Span<int> rows = n <= 64 ? stackalloc int[3 * n] : new int[3 * n];
        var previous2 = rows[..n];
        var previous = rows.Slice(n, n);
        var current = rows.Slice(2 * n, n);
        for (var j = 0; j < n; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var (from, to) = (Math.Max(1, i - max), Math.Min(b.Length, i + max));
            current[0] = i;
            current[from - 1] = from == 1 ? i : over; // left of the band (the first column when the band reaches it)
            var rowMin = from == 1 ? i : over;
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (to < b.Length) current[to + 1] = over; // right of the band, read by the next row
            if (rowMin > max) return over;
            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return previous[b.Length];
    }
}
