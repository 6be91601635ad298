using System.Text;
using System.Text.Json;
using HelpdeskBot.Knowledge.Articles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// Reads the body of <c>PUT /api/kb/articles/{id}</c>: the article file itself (front matter and Markdown, any
/// <c>text/*</c> type) or <see cref="ArticleInput"/> as JSON. Every way it can be wrong becomes a problem response.
/// </summary>
public static class ArticleRequest
{
    // Bytes that certainly hold more characters than an article may have (UTF-8: at most 3 bytes per UTF-16 unit),
    // plus room for JSON escaping and field names.
    private const long MaxBytes = ArticleParser.MaxArticleChars * 3L + 64 * 1024;

    public static async Task<(ArticleDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        string id, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(id, request, cancellationToken);
        }

        if (request.ContentType is { } type && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return (null, KnowledgeApi.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported article format",
                "Send the article file as text/markdown (front matter and Markdown) or the fields as application/json."));
        }

        var text = await ReadTextAsync(request.Body, ArticleParser.MaxArticleChars, cancellationToken);
        if (text is null)
        {
            return (null, TooLarge());
        }

        try
        {
            return (ArticleParser.Parse(id, text, $"{id}.md"), null);
        }
        catch (ArticleFormatException ex)
        {
            var problem = KnowledgeApi.Problem(StatusCodes.Status400BadRequest, "The article could not be read", ex.Message);
            problem.ProblemDetails.Extensions["line"] = ex.Line;
            return (null, problem);
        }
    }

    private static async Task<(ArticleDocument?, ProblemHttpResult?)> ReadJsonAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        ArticleInput? input;
        try
        {
            input = await request.ReadFromJsonAsync<ArticleInput>(cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, KnowledgeApi.Problem(StatusCodes.Status400BadRequest, "The JSON could not be read", ex.Message));
        }

        var errors = input?.Validate() ?? new() { ["body"] = ["The request has no article."] };
        if (errors.Count > 0)
        {
            return (null, Invalid(errors));
        }

        if (input!.Body!.Length > ArticleParser.MaxArticleChars)
        {
            return (null, TooLarge());
        }

        var document = input.ToDocument(id);
        var limits = ArticleLimits.Problems(document).GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return limits.Count > 0 ? (null, Invalid(limits)) : (document, null);
    }

    /// <summary>The text, or null when it is longer than <paramref name="maxChars"/> (reading stops there).</summary>
    private static async Task<string?> ReadTextAsync(Stream body, int maxChars, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > maxChars)
            {
                return null;
            }
        }

        return text.ToString();
    }

    private static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest, Title = "The article is not complete",
        });

    private static ProblemHttpResult TooLarge() => KnowledgeApi.Problem(StatusCodes.Status413PayloadTooLarge, "The article is too large",
        $"An article may have at most {ArticleParser.MaxArticleChars:N0} characters.");
}
