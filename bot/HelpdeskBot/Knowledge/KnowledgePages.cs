using System.Net;
using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Knowledge;

/// <summary>Published articles as plain, sanitized HTML pages at <c>/kb/{id}</c> (the answer card's "Open article").</summary>
public static class KnowledgePages
{
    // Nothing runs on the page: no scripts at all, its own inline style, images from the web, no frames or forms.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapKnowledgePages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/kb/{id}", async (string id, KnowledgeDbContext db, HttpResponse response, CancellationToken ct) =>
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            var article = await db.Articles.AsNoTracking().Include(a => a.Versions)
                .SingleOrDefaultAsync(a => a.Id == id && a.State == ArticleState.Published, ct);
            var version = article?.Published;
            return version is null
                ? Results.NotFound()
                : Results.Content(Page(version), "text/html; charset=utf-8");
        });
        return endpoints;
    }

    private static string Page(ArticleVersion version)
    {
        var title = WebUtility.HtmlEncode(version.Title);
        return $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>{{title}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
            </head><body>
            <h1>{{title}}</h1>
            {{ArticleSection.ToSafeHtml(version.Body)}}
            <p><small>Version {{version.Number}}, service {{WebUtility.HtmlEncode(version.Service)}}</small></p>
            </body></html>
            """;
    }
}
