using System.Security.Cryptography;
using System.Text;

namespace HelpdeskBot.Knowledge.Articles;

/// <summary>An article as authored: front matter fields and a Markdown body. The id is the file name without .md.</summary>
public sealed record ArticleDocument(
    string Id,
    string Title,
    IReadOnlyList<string> Tags,
    string Service,
    string? Audience,
    string? Owner,
    DateOnly? ReviewBy,
    string Body)
{
    /// <summary>A hash of everything authored, so re-importing an unchanged article changes nothing.</summary>
    public string ContentHash =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', Title, string.Join('\u001e', Tags), Service, Audience, Owner, ReviewBy?.ToString("O"), Body))));
}
