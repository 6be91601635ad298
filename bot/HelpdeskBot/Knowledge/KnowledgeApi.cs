using System.Security.Claims;
using System.Text.Json;
using HelpdeskBot.Api;
using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// The knowledge REST API under <c>/api/kb</c>. Search and published articles are open to all; writing, drafts,
/// versions and gaps (which hold what people typed) need the <see cref="ApiRoles.KnowledgeAuthor"/> role.
/// </summary>
public static class KnowledgeApi
{
    public const int DefaultTop = 5;
    public const int MaxTop = 20;

    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder endpoints)
    {
        var kb = endpoints.MapGroup("/api/kb").WithTags("Knowledge");
        kb.MapGet("/search", SearchAsync).RequireRateLimiting(ApiRateLimits.SearchPolicy);
        // The same search with the question in the body: a long question does not fit a URL (Kestrel answers 414
        // beyond 8 KB of request line). No Accepts metadata: routing would answer another content type with an
        // empty 415; the handler answers every unusable body with a problem.
        kb.MapPost("/search", SearchPostedAsync).RequireRateLimiting(ApiRateLimits.SearchPolicy);
        kb.MapGet("/articles/{id}", GetArticleAsync);
        kb.MapGet("/status", Status);

        var authors = kb.MapGroup("").RequireAuthorization(ApiRoles.KnowledgeAuthorPolicy);
        authors.MapPut("/articles/{id}", PutArticleAsync);
        authors.MapDelete("/articles/{id}", DeleteArticleAsync);
        authors.MapPost("/articles/{id}/publish", PublishAsync);
        authors.MapPost("/articles/{id}/retire", RetireAsync);
        authors.MapGet("/articles/{id}/versions", VersionsAsync);
        authors.MapGet("/gaps", GapsAsync);
        return endpoints;
    }

    /// <summary>
    /// A declined question is recorded as a knowledge gap, as in chat (a portal or another bot asks for employees);
    /// <c>record=false</c> leaves it out, for probes and an author trying questions.
    /// </summary>
    private static async Task<Results<Ok<ArticleSearchHit[]>, ProblemHttpResult>> SearchAsync(
        string? q, int? top, bool? record, KnowledgeSearch search, KnowledgeGaps gaps, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problem(StatusCodes.Status400BadRequest, "A question is required", "Ask with ?q=, e.g. /api/kb/search?q=vpn+not+connecting, or POST {\"q\": \"...\"}");
        }

        // Only hits above the decline threshold: an empty array means the knowledge base does not cover it.
        var result = await search.SearchAsync(q, Math.Clamp(top ?? DefaultTop, 1, MaxTop), ct);
        if (result.Hits.Count == 0 && record != false)
        {
            await gaps.RecordDeclinedAsync(q, ct);
        }

        return TypedResults.Ok(result.Hits.Select(ArticleSearchHit.From).ToArray());
    }

    private static async Task<Results<Ok<ArticleSearchHit[]>, ProblemHttpResult>> SearchPostedAsync(
        HttpRequest http, KnowledgeSearch search, KnowledgeGaps gaps, CancellationToken ct)
    {
        // Read here rather than bound: a body that is not the JSON asked for gets a problem saying so, not an empty 400.
        SearchRequest? request;
        try
        {
            request = http.HasJsonContentType() ? await http.ReadFromJsonAsync<SearchRequest>(ct) : null;
        }
        catch (JsonException)
        {
            request = null;
        }

        return request is null
            ? Problem(StatusCodes.Status400BadRequest, "A JSON body is required",
                "Post a JSON object with the question, e.g. {\"q\": \"vpn not connecting\", \"top\": 5}, as application/json.")
            : await SearchAsync(request.Q, request.Top, request.Record, search, gaps, ct);
    }

    /// <summary>Readers get the published version; authors the latest (<c>?view=published</c> for the live one).</summary>
    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> GetArticleAsync(
        string id, string? view, HttpContext http, KnowledgeDbContext db, IAuthorizationService authorization, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().Include(a => a.Versions).SingleOrDefaultAsync(a => a.Id == id, ct);
        var version = await IsAuthorAsync(http, authorization) && view != "published"
            ? article?.Latest
            : article is { State: ArticleState.Published } ? article.Published : null;
        return version is null ? NotFound(id) : TypedResults.Ok(ArticleView.From(article!, version));
    }

    private static async Task<Results<Created<ArticleSaved>, Ok<ArticleSaved>, ProblemHttpResult>> PutArticleAsync(
        string id, bool? publish, HttpRequest request, ClaimsPrincipal user, KnowledgeBase kb, CancellationToken ct)
    {
        if (!ArticleParser.ValidId().IsMatch(id))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid article id",
                $"'{id}' is not a valid article id: use lowercase letters, digits and dashes (at most 100).");
        }

        var (document, problem) = await ArticleRequest.ReadAsync(id, request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (article, changed) = await kb.SaveAsync(document!, user.Identity?.Name ?? "unknown", ct);
        var created = changed && article.LatestVersion == 1;
        if (publish == true && (article.State != ArticleState.Published || article.PublishedVersion != article.LatestVersion))
        {
            article = await kb.PublishAsync(id, ct);
        }

        var saved = new ArticleSaved(
            created ? "created" : changed ? "changed" : "unchanged",
            article.State == ArticleState.Published && article.PublishedVersion == article.LatestVersion,
            ArticleView.From(article, article.Latest!));
        return created ? TypedResults.Created($"/api/kb/articles/{id}", saved) : TypedResults.Ok(saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteArticleAsync(string id, KnowledgeBase kb, CancellationToken ct)
    {
        try
        {
            return await kb.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);
        }
        catch (ArticleStateException ex)
        {
            return Problem(StatusCodes.Status409Conflict, "The article is published", ex.Message);
        }
    }

    private static Task<Results<Ok<ArticleView>, ProblemHttpResult>> PublishAsync(string id, KnowledgeBase kb, CancellationToken ct) =>
        ChangeStateAsync(id, () => kb.PublishAsync(id, ct));

    private static Task<Results<Ok<ArticleView>, ProblemHttpResult>> RetireAsync(string id, KnowledgeBase kb, CancellationToken ct) =>
        ChangeStateAsync(id, () => kb.RetireAsync(id, ct));

    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> ChangeStateAsync(string id, Func<Task<Article>> change)
    {
        try
        {
            var article = await change();
            return TypedResults.Ok(ArticleView.From(article, article.Published ?? article.Latest!));
        }
        catch (KeyNotFoundException)
        {
            return NotFound(id);
        }
        catch (ArticleStateException ex)
        {
            return Problem(StatusCodes.Status409Conflict, "Nothing to change", ex.Message);
        }
    }

    private static async Task<Results<Ok<ArticleVersionView[]>, ProblemHttpResult>> VersionsAsync(string id, KnowledgeBase kb, CancellationToken ct) =>
        await kb.FindAsync(id, ct) is { } article
            ? TypedResults.Ok(article.Versions.OrderBy(v => v.Number).Select(v => ArticleVersionView.From(article, v)).ToArray())
            : NotFound(id);

    /// <summary>What the index holds, and whether the semantic stage has caught up (no sections waiting for vectors).</summary>
    private static Ok<KnowledgeStatus> Status(KnowledgeIndex index, SectionEmbedder embedder, Microsoft.Extensions.Options.IOptions<SemanticOptions> semantic)
    {
        var (articles, sections) = index.Counts();
        return TypedResults.Ok(new KnowledgeStatus(articles, sections, semantic.Value.Enabled ? embedder.Waiting() : null,
            semantic.Value.Enabled ? embedder.Model : null));
    }

    private static async Task<Ok<IReadOnlyList<KnowledgeGapGroup>>> GapsAsync(int? top, KnowledgeGaps gaps, CancellationToken ct) =>
        TypedResults.Ok(await gaps.ListAsync(Math.Clamp(top ?? 20, 1, 100), ct));

    private static async Task<bool> IsAuthorAsync(HttpContext http, IAuthorizationService authorization)
    {
        var result = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        return result.Succeeded && (await authorization.AuthorizeAsync(result.Principal, ApiRoles.KnowledgeAuthorPolicy)).Succeeded;
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "No such article", $"There is no article '{id}'.");

    internal static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
