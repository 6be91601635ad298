using System.Text.RegularExpressions;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace HelpdeskBot.Outages;

/// <summary>
/// Finds the services a message names (their ids, names and aliases, as whole words: "outlook won't send" names
/// email) and tells a problem report ("is down", "won't connect") and an outage question ("is there an outage?",
/// "is the VPN down?") apart. The service map is read at most every <see cref="CacheFor"/>.
/// </summary>
public sealed partial class ServiceMatcher(HelpdeskDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string CacheKey = "outages.service-words";

    /// <summary>The ids of the services the text names, in the order of the map.</summary>
    public async Task<IReadOnlyList<string>> ServicesInAsync(string text, CancellationToken cancellationToken)
    {
        var words = await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var services = await db.Set<ServiceDefinition>().AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
            return services.Select(s => (s.Id, Pattern: new Regex(
                @"(?<![\p{L}\p{N}])(" + string.Join("|", new[] { s.Id, s.Name }.Concat(s.Aliases).Where(w => w.Length > 1)
                    .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))).ToList();
        });
        var lower = text.Length > 1000 ? text[..1000] : text;
        return [.. words!.Where(w => Matches(w.Pattern, lower)).Select(w => w.Id)];
    }

    /// <summary>Forget the cached map (after a change through the API or an import).</summary>
    public static void Forget(IMemoryCache cache) => cache.Remove(CacheKey);

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>"is there an outage?", "any known issues", "is the vpn down?", "what's down".</summary>
    public static bool IsOutageQuestion(string text) => OutageQuestion().IsMatch(text.Trim());

    /// <summary>A problem report: "email is down", "outlook won't send", "vpn not working".</summary>
    public static bool LooksLikeProblem(string text) => Problem().IsMatch(text);

    /// <summary>Says plainly that a whole service is out ("down", "outage", "for everyone"): worth an incident when no outage is known.</summary>
    public static bool SaysServiceIsOut(string text) => ServiceOut().IsMatch(text);

    [GeneratedRegex(@"^(?:(?:is|are)\s+there\s+(?:an?\s+|any\s+)?(?:known\s+)?(?:outages?|problems?|issues?|incidents?)\b|any\s+(?:known\s+)?(?:outages?|issues|problems)\b|(?:known|current)\s+(?:issues|problems|outages)\b|(?:service\s+)?status\s+page|what'?s\s+down\b|is\s+(?:anything|something)\s+down\b|(?:is|are)\s+(?:the\s+)?.{1,60}?\s+(?:down|out|having\s+(?:problems|issues))\s*\??$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutageQuestion();

    [GeneratedRegex(@"\b(?:down|outage|offline|not\s+working|isn'?t\s+working|aren'?t\s+working|doesn'?t\s+work|don'?t\s+work|stopped\s+working|won'?t|can'?t|cannot|can\s+not|unable|broken|fail(?:s|ing|ed)?|error|crash(?:es|ing|ed)?|not\s+(?:sending|receiving|loading|connecting|responding)|no\s+(?:access|connection|signal|internet)|very\s+slow|dead)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Problem();

    [GeneratedRegex(@"\b(?:is\s+down|are\s+down|went\s+down|outage|for\s+everyone|for\s+everybody|whole\s+(?:team|office|floor)|nobody\s+can|no\s+one\s+can|all\s+of\s+us)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServiceOut();
}
