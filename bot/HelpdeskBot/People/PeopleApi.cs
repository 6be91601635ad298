using System.Security.Claims;
using System.Text;
using HelpdeskBot.Api;
using HelpdeskBot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.People;

/// <summary>The people directory under <c>/api/people</c>; all of it needs the <see cref="ApiRoles.PeopleAdmin"/> role.</summary>
public static class PeopleApi
{
    public const int DefaultPageSize = 50, MaxPageSize = 200;

    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder endpoints)
    {
        var people = endpoints.MapGroup("/api/people").WithTags("People").RequireAuthorization(ApiRoles.PeopleAdminPolicy);
        people.MapGet("", ListAsync);
        people.MapGet("/{id:int}", GetAsync);
        people.MapPut("", PutAsync);
        people.MapPost("/import", ImportAsync).Accepts<string>("text/csv");
        return endpoints;
    }

    /// <summary><c>q</c> matches name or email (any case); <c>department</c> exactly (any case); ordered by name.</summary>
    private static async Task<Ok<PeoplePage>> ListAsync(
        string? q, string? department, int? page, int? pageSize, HelpdeskDbContext db, CancellationToken ct)
    {
        var (number, size) = (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{Escape(q.Trim().ToLowerInvariant())}%";
            query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, "\\") || EF.Functions.Like(p.Email!, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(department))
        {
            var wanted = department.Trim().ToLower();
            query = query.Where(p => p.Department != null && p.Department.ToLower() == wanted);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PeoplePage([.. items.Select(PersonView.From)], number, size, total));
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> GetAsync(int id, PeopleDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } person
            ? TypedResults.Ok(PersonView.From(person))
            : Problem(StatusCodes.Status404NotFound, "No such person", $"There is no person {id}.");

    private static async Task<Results<Created<PersonSaved>, Ok<PersonSaved>, ProblemHttpResult>> PutAsync(
        PersonInput input, PeopleDirectory directory, ClaimsPrincipal user, ILogger<PersonInput> logger, CancellationToken ct)
    {
        var (outcome, person, problem) = await directory.SaveAsync(input.ToRecord(), PersonSource.Api, ct);
        if (problem is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "The person cannot be saved", problem);
        }

        logger.LogInformation("Person {PersonId} {Outcome} through the API by {ApiClient}", person!.Id, outcome, user.Identity?.Name);
        var saved = new PersonSaved(outcome.ToString().ToLowerInvariant(), PersonView.From(person));
        return outcome == PersonWriteOutcome.Added ? TypedResults.Created($"/api/people/{person.Id}", saved) : TypedResults.Ok(saved);
    }

    /// <summary>A CSV file as the body; bad lines are listed in the report (200), an unusable file is 400.</summary>
    private static async Task<Results<Ok<PeopleImportReport>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, PeopleDirectory directory, IOptions<PeopleOptions> options, ClaimsPrincipal user,
        ILogger<PersonInput> logger, CancellationToken ct)
    {
        if (request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() is not ("text/csv" or "application/csv"))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send CSV", "The body must be a CSV file with Content-Type: text/csv.");
        }

        var limit = options.Value.MaxImportBytes;
        using var body = await ReadAtMostAsync(request.Body, limit, ct);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large", $"The limit is {limit:N0} bytes (People:MaxImportBytes).");
        }

        var parsed = PeopleCsv.Parse(new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true));
        if (parsed.Unreadable)
        {
            return Problem(StatusCodes.Status400BadRequest, "The file cannot be read", parsed.Errors[0].ToString());
        }

        var report = await directory.ImportAsync(parsed.Records, PersonSource.Csv, ct);
        logger.LogInformation("People imported through the API by {ApiClient}: {Report}", user.Identity?.Name, report);
        return TypedResults.Ok(report with { Errors = [.. parsed.Errors.Concat(report.Errors).OrderBy(e => e.Line)] });
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes (read no further).</summary>
    private static async Task<MemoryStream?> ReadAtMostAsync(Stream stream, int limit, CancellationToken ct)
    {
        var body = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > limit)
            {
                await body.DisposeAsync();
                return null;
            }

            body.Write(buffer, 0, read);
        }

        body.Position = 0;
        return body;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
