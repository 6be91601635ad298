using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Tests.Knowledge;

public class EditDistanceTests
{
    [Theory]
    [InlineData("printer", "printer", 0)]
    [InlineData("printer", "priner", 1)]     // a dropped letter
    [InlineData("printer", "pirnter", 1)]    // two swapped
    [InlineData("printer", "printre", 1)]
    [InlineData("outlook", "outlok", 1)]
    [InlineData("password", "pasword", 1)]
    [InlineData("password", "paswrod", 2)]
    [InlineData("sharepoint", "sharepiont", 1)]
    [InlineData("a", "b", 1)]
    [InlineData("", "ab", 2)]
    public void DistancesWithinTheBoundAreExact(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Bounded(a, b, 2));
        Assert.Equal(expected, EditDistance.Bounded(b, a, 2));
    }

    [Fact]
    public void ADistancePastTheBoundIsReportedAsPastIt()
    {
        Assert.True(EditDistance.Bounded("printer", "monitor", 2) > 2);
        Assert.True(EditDistance.Bounded("vpn", "wifi", 1) > 1);
        Assert.True(EditDistance.Bounded("abcdefgh", "abcdefghijk", 2) > 2);
    }

    [Fact]
    public void AgreesWithTheFullTableOnManyWordPairs()
    {
        var random = new Random(20261206);
        for (var n = 0; n < 5_000; n++)
        {
            var a = Word(random, random.Next(0, 14));
            var b = Mutate(random, a, random.Next(0, 4));
            foreach (var max in new[] { 1, 2, 3 })
            {
                var full = Full(a, b);
                var bounded = EditDistance.Bounded(a, b, max);
                if (full <= max) Assert.True(full == bounded, $"{a} / {b}, bound {max}: {bounded}, expected {full}");
                else Assert.True(bounded > max, $"{a} / {b}, bound {max}: {bounded}, expected more than {max}");
            }
        }
    }

    private static string Word(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(0, 5)))]);

    private static string Mutate(Random random, string word, int edits)
    {
        var chars = word.ToList();
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(0, chars.Count + 1);
            switch (random.Next(0, 4))
            {
                case 0: chars.Insert(at, (char)('a' + random.Next(0, 5))); break;
                case 1 when at < chars.Count: chars.RemoveAt(at); break;
                case 2 when at < chars.Count: chars[at] = (char)('a' + random.Next(0, 5)); break;
                case 3 when at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            }
        }

        return new string([.. chars]);
    }

    // The whole optimal-string-alignment table, the definition the bounded one must agree with.
    private static int Full(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
