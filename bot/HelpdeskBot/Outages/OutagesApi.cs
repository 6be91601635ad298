using System.Security.Claims;
using System.Text.Json;
using HelpdeskBot.Api;
using HelpdeskBot.Outages.Alerts;
using HelpdeskBot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

public sealed record ServiceView(string Id, string Name, IReadOnlyList<string> Aliases, bool Everyone, IReadOnlyList<string> Departments, IReadOnlyList<string> Locations)
{
    public static ServiceView From(ServiceDefinition s) => new(s.Id, s.Name, s.Aliases, s.Everyone, s.Departments, s.Locations);
}

public sealed record ServiceRequest(string? Name, List<string>? Aliases, bool Everyone, List<string>? Departments, List<string>? Locations);

public sealed record OutageRequest(
    string? Title, List<string>? Services, string? Impact, string? Message, string? Kind, DateTimeOffset? Start, DateTimeOffset? End, string? Status);

public sealed record OutageChangeRequest(string? Status, string? Impact, string? Message);

public sealed record OutageUpdateView(DateTimeOffset At, string Status, string Message, string Author);

public sealed record OutageView(
    string Number, string Kind, string Title, IReadOnlyList<string> Services, string Status, string? Impact, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, DateTimeOffset? ScheduledEnd, int Revision, IReadOnlyList<OutageUpdateView> Timeline, IReadOnlyList<string> Incidents,
    DeliveryCounts Delivery)
{
    public static OutageView From(Outage o, IReadOnlyList<string> incidents, DeliveryCounts counts) => new(
        o.Number, o.Kind.ToString(), o.Title, o.Services, o.Status.ToString(), o.Impact, o.StartedAt, o.EndedAt, o.ScheduledEnd, o.Revision,
        [.. o.Timeline.Select(u => new OutageUpdateView(u.At, u.Status.ToString(), u.Message, u.Author))], incidents, counts);
}

public sealed record NoticeView(string Recipient, string State, int SentRevision, int TargetRevision, int Attempts, string? Error, DateTimeOffset? SentAt);

public sealed record DeliveryReport(string Number, DeliveryCounts Counts, IReadOnlyList<NoticeView> Notices, int Page, int PageSize);

/// <summary>
/// <c>/api/services</c> (the service map: read with any outage role or as a tickets reader, written by
/// <c>services-admin</c>), <c>/api/outages</c> (opened, updated and resolved by <c>outages</c>, with their delivery),
/// and <c>/api/alerts/{alertmanager,azure-monitor,generic}</c> (role <c>alerts</c>): a bad payload is 400 with the
/// reason and changes nothing.
/// </summary>
public static class OutagesApi
{
    public static IEndpointRouteBuilder MapOutagesApi(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.MapGroup("/api/services").WithTags("Services")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        services.MapGet("", ListServicesAsync).RequireAuthorization(ApiRoles.OutagesReaderPolicy);
        services.MapGet("/{id}", GetServiceAsync).RequireAuthorization(ApiRoles.OutagesReaderPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        services.MapPut("/{id}", PutServiceAsync).RequireAuthorization(ApiRoles.ServicesAdminPolicy).ProducesProblem(StatusCodes.Status400BadRequest);
        services.MapDelete("/{id}", DeleteServiceAsync).RequireAuthorization(ApiRoles.ServicesAdminPolicy).ProducesProblem(StatusCodes.Status404NotFound);

        var outages = endpoints.MapGroup("/api/outages").WithTags("Outages")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        outages.MapGet("", ListOutagesAsync).RequireAuthorization(ApiRoles.OutagesReaderPolicy);
        outages.MapGet("/{number}", GetOutageAsync).RequireAuthorization(ApiRoles.OutagesReaderPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        outages.MapGet("/{number}/deliveries", DeliveriesAsync).RequireAuthorization(ApiRoles.OutagesReaderPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        var agents = outages.MapGroup("").RequireAuthorization(ApiRoles.OutagesAgentPolicy).ProducesProblem(StatusCodes.Status400BadRequest);
        agents.MapPost("", OpenAsync);
        agents.MapPost("/{number}/updates", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        agents.MapPost("/{number}/incidents", AttachAsync).ProducesProblem(StatusCodes.Status404NotFound);
        agents.MapPost("/{number}/resolve", ResolveAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var alerts = endpoints.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(ApiRoles.AlertsPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        alerts.MapPost("/alertmanager", (HttpRequest request, AlertIntake intake, IOptions<OutagesOptions> options, CancellationToken ct) =>
            AlertsAsync(request, intake, body => AlertPayloads.Alertmanager(body, options.Value.AlertServiceLabel), ct));
        alerts.MapPost("/azure-monitor", (HttpRequest request, AlertIntake intake, IOptions<OutagesOptions> options, CancellationToken ct) =>
            AlertsAsync(request, intake, body => AlertPayloads.AzureMonitor(body, options.Value.AlertServiceLabel), ct));
        alerts.MapPost("/generic", (HttpRequest request, AlertIntake intake, IOptions<OutagesOptions> options, TimeProvider time, CancellationToken ct) =>
            AlertsAsync(request, intake, body => AlertPayloads.Generic(body, options.Value.AlertServiceLabel, time.GetUtcNow()), ct));
        return endpoints;
    }

    public const int MaxAlertBodyBytes = 4 * 1024 * 1024;

    private static async Task<Results<Ok<AlertOutcome>, ProblemHttpResult>> AlertsAsync(
        HttpRequest request, AlertIntake intake, Func<JsonElement, AlertParseResult> parse, CancellationToken ct)
    {
        if (request.ContentLength > MaxAlertBodyBytes)
        {
            return Problem(StatusCodes.Status400BadRequest, "The alert payload is too large", $"At most {MaxAlertBodyBytes} bytes.");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "The alert payload is not JSON", e.Message);
        }

        var parsed = parse(body);
        if (!parsed.IsValid)
        {
            return Problem(StatusCodes.Status400BadRequest, "The alert payload is not valid", parsed.Error!);
        }

        return TypedResults.Ok(await intake.TakeAsync(parsed.Alerts, ct));
    }

    private static async Task<Ok<List<ServiceView>>> ListServicesAsync(HelpdeskDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<ServiceDefinition>().AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)).Select(ServiceView.From).ToList());

    private static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> GetServiceAsync(string id, HelpdeskDbContext db, CancellationToken ct) =>
        await db.Set<ServiceDefinition>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } service
            ? TypedResults.Ok(ServiceView.From(service))
            : Problem(StatusCodes.Status404NotFound, "No such service", $"There is no service '{id}'.");

    private static async Task<Results<Ok<ServiceView>, Created<ServiceView>, ProblemHttpResult>> PutServiceAsync(
        string id, ServiceRequest body, ServiceMap map, CancellationToken ct)
    {
        var (service, outcome, problems) = await map.SaveAsync(
            new ServiceSpec(id, body.Name ?? "", body.Aliases ?? [], body.Everyone, body.Departments ?? [], body.Locations ?? []), ct);
        if (service is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "The service is not valid", string.Join(" ", problems));
        }

        return outcome == ServiceMap.Outcome.Added
            ? TypedResults.Created($"/api/services/{service.Id}", ServiceView.From(service))
            : TypedResults.Ok(ServiceView.From(service));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteServiceAsync(string id, ServiceMap map, CancellationToken ct) =>
        await map.DeleteAsync(id, ct) ? TypedResults.NoContent() : Problem(StatusCodes.Status404NotFound, "No such service", $"There is no service '{id}'.");

    private static async Task<Ok<List<OutageView>>> ListOutagesAsync(bool? active, HelpdeskDbContext db, OutageService outages, CancellationToken ct)
    {
        var query = db.Set<Outage>().AsNoTracking().Include(o => o.Timeline).AsQueryable();
        if (active == true)
        {
            query = query.Where(o => o.Status != OutageStatus.Resolved);
        }

        var list = await query.OrderByDescending(o => o.Id).Take(100).ToListAsync(ct);
        var views = new List<OutageView>();
        foreach (var outage in list)
        {
            views.Add(await ViewAsync(outage, db, outages, ct));
        }

        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<OutageView>, ProblemHttpResult>> GetOutageAsync(string number, HelpdeskDbContext db, OutageService outages, CancellationToken ct) =>
        await FindAsync(number, outages, ct) is { } outage ? TypedResults.Ok(await ViewAsync(outage, db, outages, ct)) : NotFound(number);

    private static async Task<Results<Ok<DeliveryReport>, ProblemHttpResult>> DeliveriesAsync(
        string number, string? state, int? page, int? pageSize, HelpdeskDbContext db, OutageService outages, CancellationToken ct)
    {
        if (await FindAsync(number, outages, ct) is not { } outage)
        {
            return NotFound(number);
        }

        var query = db.Set<OutageNotice>().AsNoTracking().Where(n => n.OutageId == outage.Id);
        if (state is not null)
        {
            if (!Enum.TryParse<NoticeState>(state, ignoreCase: true, out var wanted))
            {
                return Problem(StatusCodes.Status400BadRequest, "Not a delivery state", $"state: one of {string.Join(", ", Enum.GetNames<NoticeState>())}.");
            }

            query = query.Where(n => n.State == wanted);
        }

        var size = Math.Clamp(pageSize ?? 100, 1, 1000);
        var at = Math.Clamp(page ?? 1, 1, 100_000);
        var notices = await query.OrderBy(n => n.Id).Skip((at - 1) * size).Take(size)
            .Select(n => new NoticeView(n.Recipient, n.State.ToString(), n.SentRevision, n.TargetRevision, n.Attempts, n.Error, n.SentAt)).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryReport(outage.Number, await outages.CountsAsync(outage, ct), notices, at, size));
    }

    private static async Task<Results<Created<OutageView>, ProblemHttpResult>> OpenAsync(
        OutageRequest body, ClaimsPrincipal user, HelpdeskDbContext db, OutageService outages, CancellationToken ct)
    {
        var kind = OutageKind.Outage;
        if (body.Kind is { } k && !Enum.TryParse(k, ignoreCase: true, out kind))
        {
            return Problem(StatusCodes.Status400BadRequest, "The outage is not valid", "kind: outage or maintenance.");
        }

        var status = OutageStatus.Investigating;
        if (body.Status is { } s && (!Enum.TryParse(s, ignoreCase: true, out status) || status == OutageStatus.Resolved))
        {
            return Problem(StatusCodes.Status400BadRequest, "The outage is not valid", "status: investigating, identified or monitoring.");
        }

        try
        {
            var outage = await outages.OpenAsync(new NewOutage(body.Title ?? "", body.Services ?? [], body.Impact, body.Message, kind, body.Start, body.End, status),
                Author(user), ct);
            return TypedResults.Created($"/api/outages/{outage.Number}", await ViewAsync(outage, db, outages, ct));
        }
        catch (OutageInputException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "The outage is not valid", e.Message);
        }
    }

    private static async Task<Results<Ok<OutageView>, ProblemHttpResult>> UpdateAsync(
        string number, OutageChangeRequest body, ClaimsPrincipal user, HelpdeskDbContext db, OutageService outages, CancellationToken ct)
    {
        OutageStatus? status = null;
        if (body.Status is { } s)
        {
            if (!Enum.TryParse<OutageStatus>(s, ignoreCase: true, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "The update is not valid", $"status: one of {string.Join(", ", Enum.GetNames<OutageStatus>())}.");
            }

            status = parsed;
        }

        return await ChangeAsync(number, status, body.Impact, body.Message, user, db, outages, ct);
    }

    public sealed record AttachRequest(string? Ticket);

    /// <summary>An incident belongs to the outage (shown in its <c>incidents</c>).</summary>
    private static async Task<Results<Ok<OutageView>, ProblemHttpResult>> AttachAsync(
        string number, AttachRequest body, HelpdeskDbContext db, OutageService outages, CancellationToken ct)
    {
        if (await FindAsync(number, outages, ct) is not { } outage)
        {
            return NotFound(number);
        }

        return body.Ticket is { Length: > 0 and <= 16 } ticket && await outages.AttachIncidentAsync(outage, ticket, ct)
            ? TypedResults.Ok(await ViewAsync(outage, db, outages, ct))
            : Problem(StatusCodes.Status404NotFound, "No such ticket", $"There is no ticket '{body.Ticket}'.");
    }

    private static Task<Results<Ok<OutageView>, ProblemHttpResult>> ResolveAsync(
        string number, OutageChangeRequest? body, ClaimsPrincipal user, HelpdeskDbContext db, OutageService outages, CancellationToken ct) =>
        ChangeAsync(number, OutageStatus.Resolved, body?.Impact, body?.Message ?? "Resolved.", user, db, outages, ct);

    private static async Task<Results<Ok<OutageView>, ProblemHttpResult>> ChangeAsync(
        string number, OutageStatus? status, string? impact, string? message, ClaimsPrincipal user, HelpdeskDbContext db, OutageService outages, CancellationToken ct)
    {
        if (!Outage.TryParseNumber(number, out var id))
        {
            return NotFound(number);
        }

        try
        {
            return await outages.UpdateAsync(id, status, impact, message, Author(user), ct) is { } outage
                ? TypedResults.Ok(await ViewAsync(outage, db, outages, ct))
                : NotFound(number);
        }
        catch (OutageStateException e)
        {
            return Problem(StatusCodes.Status409Conflict, "The outage cannot move that way", e.Message);
        }
        catch (OutageInputException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "The update is not valid", e.Message);
        }
    }

    private static async Task<Outage?> FindAsync(string number, OutageService outages, CancellationToken ct) =>
        Outage.TryParseNumber(number, out var id) ? await outages.FindAsync(id, ct) : null;

    private static async Task<OutageView> ViewAsync(Outage outage, HelpdeskDbContext db, OutageService outages, CancellationToken ct)
    {
        var incidents = await db.Set<OutageLink>().AsNoTracking().Where(l => l.OutageId == outage.Id && l.TicketNumber != null)
            .Select(l => l.TicketNumber!).Distinct().ToListAsync(ct);
        return OutageView.From(outage, incidents, await outages.CountsAsync(outage, ct));
    }

    private static string Author(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? $"api: {name}" : "api";

    private static ProblemHttpResult NotFound(string number) =>
        Problem(StatusCodes.Status404NotFound, "No such outage", $"There is no outage '{number}'.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
