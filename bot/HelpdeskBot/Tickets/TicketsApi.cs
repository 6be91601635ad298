using System.Security.Claims;
using HelpdeskBot.Api;
using HelpdeskBot.Catalog;
using HelpdeskBot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tickets;

/// <summary>
/// Tickets for integrations under <c>/api/tickets</c>: reading needs <see cref="ApiRoles.TicketsReader"/> (or agent),
/// writing <see cref="ApiRoles.TicketsAgent"/>. The entity and <see cref="TicketService"/> decide; this maps their
/// refusals to problems (400 bad input, 404 no such ticket, 409 a move the lifecycle refuses, with its reason).
/// </summary>
public static class TicketsApi
{
    public const int DefaultPageSize = 50, MaxPageSize = 200;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 128;

    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapGroup("/api/tickets").WithTags("Tickets")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        var readers = tickets.MapGroup("").RequireAuthorization(ApiRoles.TicketsReaderPolicy);
        readers.MapGet("", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        readers.MapGet("/{number}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);

        var agents = tickets.MapGroup("").RequireAuthorization(ApiRoles.TicketsAgentPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        agents.MapPost("", CreateAsync);
        agents.MapPost("/{number}/state", ChangeStateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        agents.MapPost("/{number}/assignment", AssignAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        agents.MapPost("/{number}/approver", ChangeApproverAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        agents.MapPost("/{number}/comments", CommentAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>Filters combine; enum filters take names in any case, several separated by commas; newest first.</summary>
    private static async Task<Results<Ok<TicketPage>, ProblemHttpResult>> ListAsync(
        string? state, string? kind, string? priority, string? requester, string? assignmentGroup, string? assignee,
        string? approval, string? q, int? page, int? pageSize, HelpdeskDbContext db, CancellationToken ct)
    {
        var (filter, problem) = TicketFilter.Parse(state, kind, priority, approval, requester, assignmentGroup, assignee, q);
        if (filter is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "A filter is not valid", problem!);
        }

        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        var number = Math.Clamp(page ?? 1, 1, int.MaxValue / MaxPageSize);
        var query = filter.Apply(db.Set<Ticket>().AsNoTracking());
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(t => t.Id).Skip((number - 1) * size).Take(size)
            .Select(t => new { Ticket = t, UpdatedAt = t.Journal.OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefault() })
            .ToListAsync(ct);
        return TypedResults.Ok(new TicketPage([.. rows.Select(r => TicketSummaryView.From(r.Ticket, r.UpdatedAt))], number, size, total));
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> GetAsync(string number, TicketService tickets, CancellationToken ct) =>
        await tickets.FindByNumberAsync(number, ct) is { } ticket ? TypedResults.Ok(TicketView.From(ticket)) : NotFound(number);

    /// <summary>201 with the new ticket; 200 with the existing one when its <c>Idempotency-Key</c> was used before.</summary>
    private static async Task<Results<Created<TicketView>, Ok<TicketView>, ProblemHttpResult>> CreateAsync(
        NewTicketRequest request, HttpRequest http, ClaimsPrincipal user, TicketService tickets, ServiceCatalog catalog,
        ILoggerFactory logs, CancellationToken ct)
    {
        var (input, problem) = request.ToNewTicket();
        problem ??= input?.CatalogItemId is { } item && catalog.Find(item) is null
            ? $"There is no catalog item '{item}'; known items: {string.Join(", ", catalog.Items.Select(i => i.Id))}." : null;
        var (key, keyProblem) = IdempotencyKey(http, user);
        if ((problem ?? keyProblem) is { } refusal)
        {
            return Problem(StatusCodes.Status400BadRequest, "The ticket cannot be created", refusal);
        }

        var (outcome, failure) = await TryAsync("", () => tickets.CreateOrFindAsync(input!, key!, ct));
        if (failure is not null)
        {
            return failure;
        }

        var (ticket, created) = outcome;
        logs.CreateLogger(typeof(TicketsApi)).LogInformation("Ticket {TicketNumber} {Outcome} through the API by {ApiClient} (key {SubmissionKey})",
            ticket.Number, created ? "created" : "already existed", user.Identity?.Name, key);
        var view = await ViewAsync(tickets, ticket.Number, ct);
        return created ? TypedResults.Created($"/api/tickets/{ticket.Number}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> ChangeStateAsync(
        string number, StateChangeRequest request, ClaimsPrincipal user, TicketService tickets, TicketPolicy policy, ILoggerFactory logs, CancellationToken ct)
    {
        if (!TicketEnums.TryParse<TicketState>(request.State, out var to))
        {
            return Problem(StatusCodes.Status400BadRequest, "The state is not valid", TicketEnums.Refusal<TicketState>("state", request.State));
        }

        if (request.Note?.Length > policy.MaxCommentLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "The note is too long", $"A note can be at most {policy.MaxCommentLength:N0} characters.");
        }

        var (ticket, problem) = await TryAsync(number, () => tickets.ChangeStateAsync(number, to, Actor(user), request.Note, ct));
        if (problem is not null)
        {
            return problem;
        }

        logs.CreateLogger(typeof(TicketsApi)).LogInformation("Ticket {TicketNumber} moved to {ToState} through the API by {ApiClient}",
            ticket!.Number, to, user.Identity?.Name);
        return TypedResults.Ok(await ViewAsync(tickets, ticket.Number, ct));
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> AssignAsync(
        string number, AssignmentRequest request, ClaimsPrincipal user, TicketService tickets, ILoggerFactory logs, CancellationToken ct)
    {
        var (group, assignee) = (Blank(request.Group), Blank(request.AssigneeId));
        if (group is null && assignee is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Nothing to assign", "Give a group, an assigneeId or both.");
        }

        var (ticket, problem) = await TryAsync(number, () => tickets.AssignAsync(number, group, assignee, Actor(user), ct));
        if (problem is not null)
        {
            return problem;
        }

        logs.CreateLogger(typeof(TicketsApi)).LogInformation("Ticket {TicketNumber} assigned to {AssignmentGroup}/{AssigneeId} through the API by {ApiClient}",
            ticket!.Number, ticket.AssignmentGroup, ticket.AssigneeId, user.Identity?.Name);
        return TypedResults.Ok(await ViewAsync(tickets, ticket.Number, ct));
    }

    /// <summary>Names another approver while approval is pending; an email must be a person in the directory.</summary>
    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> ChangeApproverAsync(
        string number, ApproverChangeRequest request, ClaimsPrincipal user, TicketService tickets, ILoggerFactory logs, CancellationToken ct)
    {
        if (Blank(request.Approver) is not { } approver)
        {
            return Problem(StatusCodes.Status400BadRequest, "No approver", "Give the new approver's Teams id or email as approver.");
        }

        var (ticket, problem) = await TryAsync(number, () => tickets.ChangeApproverAsync(number, approver, Actor(user), request.Reason, ct));
        if (problem is not null)
        {
            return problem;
        }

        logs.CreateLogger(typeof(TicketsApi)).LogInformation("Ticket {TicketNumber}'s approver changed to {ApproverId} through the API by {ApiClient}",
            ticket!.Number, ticket.ApproverId, user.Identity?.Name);
        return TypedResults.Ok(await ViewAsync(tickets, ticket.Number, ct));
    }

    private static async Task<Results<Created<TicketJournalView>, ProblemHttpResult>> CommentAsync(
        string number, CommentRequest request, ClaimsPrincipal user, TicketService tickets, ILoggerFactory logs, CancellationToken ct)
    {
        var (ticket, problem) = await TryAsync(number, () => tickets.CommentAsync(number, Actor(user), request.Text ?? "", ct));
        if (problem is not null)
        {
            return problem;
        }

        // The service's ticket holds only the entries this change added: the comment is the last of them.
        var comment = TicketJournalView.Of(ticket!.Journal.Last(e => e.Kind == JournalKind.Comment));
        logs.CreateLogger(typeof(TicketsApi)).LogInformation("Ticket {TicketNumber} commented on through the API by {ApiClient}",
            ticket.Number, user.Identity?.Name);
        return TypedResults.Created($"/api/tickets/{ticket.Number}", comment);
    }

    /// <summary>Runs a change; a refusal by the entity or the service becomes the matching problem.</summary>
    private static async Task<(T? Result, ProblemHttpResult? Problem)> TryAsync<T>(string number, Func<Task<T>> change)
    {
        try
        {
            return (await change(), null);
        }
        catch (KeyNotFoundException)
        {
            return (default, NotFound(number));
        }
        catch (TicketStateException ex)
        {
            return (default, Problem(StatusCodes.Status409Conflict, "The ticket cannot do that now", ex.Message));
        }
        catch (TicketAccessException ex)
        {
            return (default, Problem(StatusCodes.Status403Forbidden, "Not allowed on this ticket", ex.Message));
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            return (default, Problem(StatusCodes.Status400BadRequest, "The request is not valid", message));
        }
    }

    /// <summary>
    /// The client's <c>Idempotency-Key</c> (or a fresh one), prefixed with the key's name so that no other client can
    /// collide with it; its source (API) keeps it apart from the chat's submit tokens.
    /// </summary>
    private static (SubmissionKey? Key, string? Problem) IdempotencyKey(HttpRequest http, ClaimsPrincipal user)
    {
        var header = http.Headers[IdempotencyKeyHeader].ToString().Trim();
        if (header.Length > MaxIdempotencyKeyLength)
        {
            return (null, $"The {IdempotencyKeyHeader} header can be at most {MaxIdempotencyKeyLength} characters.");
        }

        return (SubmissionKey.Api(Actor(user), header.Length > 0 ? header : Guid.NewGuid().ToString("N")), null);
    }

    private static async Task<TicketView> ViewAsync(TicketService tickets, string number, CancellationToken ct) =>
        TicketView.From((await tickets.FindByNumberAsync(number, ct))!);

    private static string Actor(ClaimsPrincipal user) => $"api:{user.Identity?.Name ?? "unknown"}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult NotFound(string number) =>
        Problem(StatusCodes.Status404NotFound, "No such ticket", $"There is no ticket '{number}'.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
