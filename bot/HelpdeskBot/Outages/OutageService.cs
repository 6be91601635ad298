using System.Globalization;
using System.Text;
using HelpdeskBot.People;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

/// <summary>What opening or changing an outage asks for; the values are checked by <see cref="OutageService"/>.</summary>
public sealed record NewOutage(
    string Title, IReadOnlyList<string> Services, string? Impact = null, string? Message = null,
    OutageKind Kind = OutageKind.Outage, DateTimeOffset? Start = null, DateTimeOffset? End = null,
    OutageStatus Status = OutageStatus.Investigating);

/// <summary>Bad input for an outage (its message says which field and why).</summary>
public sealed class OutageInputException(string message) : Exception(message);

/// <summary>How an outage's notices stand.</summary>
public sealed record DeliveryCounts(int Total, int Pending, int Sent, int Failed, int Unreachable, int UpToDate, int Affected, int Deflections);

/// <summary>
/// Opens, updates and resolves outages and planned maintenance, and decides who hears of them: everyone who depends on
/// one of its services (the service map: everyone, departments, locations), explicit subscribers, and requesters of open
/// tickets on those services, less those who opted out; plus the configured channels. Each recipient gets one
/// <see cref="OutageNotice"/>; each change people must hear of brings every notice to the new revision, which
/// <see cref="OutageBroadcaster"/> delivers.
/// </summary>
public sealed class OutageService(
    HelpdeskDbContext db, OutageBroadcaster broadcaster, IOptions<OutagesOptions> options, TimeProvider time, ILogger<OutageService> logger)
{
    private const int InsertChunk = 500;

    /// <param name="reachNow">
    /// False inside a caller's transaction (an alert's): then the caller calls <see cref="ReachAsync"/> after its commit,
    /// so the first notices go out while the rest of a large audience is still being written.
    /// </param>
    public async Task<Outage> OpenAsync(NewOutage request, string author, CancellationToken cancellationToken, bool reachNow = true)
    {
        var services = await CheckAsync(request, cancellationToken);
        var now = time.GetUtcNow();
        var outage = Outage.Open(request.Kind, request.Title.Trim(), services, Clean(request.Impact), author, now,
            request.Start, request.End, request.Status, Clean(request.Message));
        db.Add(outage);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Kind} {OutageNumber} opened by {Author} on {Services}", outage.Kind, outage.Number, author, string.Join(",", outage.Services));
        if (reachNow)
        {
            await ReachAsync(outage, cancellationToken);
        }

        return outage;
    }

    /// <summary>
    /// Writes a notice for everyone the outage concerns (those written already are left alone, so a second call, after a
    /// crash say, adds only who is missing) and attaches the open incidents on its services.
    /// </summary>
    public async Task ReachAsync(Outage outage, CancellationToken cancellationToken)
    {
        var audience = await AddAudienceAsync(outage, cancellationToken);
        await AttachOpenIncidentsAsync(outage, cancellationToken);
        logger.LogInformation("{OutageNumber}: {Recipients} recipients", outage.Number, audience);
        broadcaster.Wake();
    }

    /// <summary>A new status, impact or message; everyone's card is brought up to date. Null when there is no such outage.</summary>
    public async Task<Outage?> UpdateAsync(int id, OutageStatus? status, string? impact, string? message, string author, CancellationToken cancellationToken)
    {
        if (impact is { Length: > Outage.MaxImpactLength } || message is { Length: > Outage.MaxMessageLength })
        {
            throw new OutageInputException($"impact: at most {Outage.MaxImpactLength} characters; message: at most {Outage.MaxMessageLength}.");
        }

        for (var attempt = 0; ; attempt++)
        {
            var outage = await FindAsync(id, cancellationToken);
            if (outage is null)
            {
                return null;
            }

            if (!outage.Update(status, Clean(impact), Clean(message), author, time.GetUtcNow()))
            {
                return outage;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear(); // changed at the same moment (an agent and an alert): decide again on what was saved
                continue;
            }

            await RetargetAsync(outage, cancellationToken);
            logger.LogInformation("{OutageNumber} is {Status} (revision {Revision}), by {Author}", outage.Number, outage.Status, outage.Revision, author);
            return outage;
        }
    }

    /// <summary>After a change (or a maintenance reminder): every notice is to show the new revision.</summary>
    public async Task RetargetAsync(Outage outage, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Set<OutageNotice>()
            .Where(n => n.OutageId == outage.Id && (n.State == NoticeState.Sent || n.State == NoticeState.Pending) && n.TargetRevision < outage.Revision)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.TargetRevision, outage.Revision)
                .SetProperty(n => n.State, NoticeState.Pending)
                .SetProperty(n => n.NextAttemptAt, n => n.State == NoticeState.Sent ? now : n.NextAttemptAt), cancellationToken);
        broadcaster.Wake();
    }

    public Task<Outage?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Set<Outage>().Include(o => o.Timeline).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <summary>Outages and running maintenance not yet resolved, newest first; with <paramref name="service"/>, those on it.</summary>
    public async Task<IReadOnlyList<Outage>> ActiveAsync(string? service, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = await db.Set<Outage>().AsNoTracking().Include(o => o.Timeline)
            .Where(o => o.Status != OutageStatus.Resolved && (o.Kind == OutageKind.Outage || o.StartedAt <= now))
            .OrderByDescending(o => o.Id).Take(20).ToListAsync(cancellationToken);
        return service is null ? active : [.. active.Where(o => o.Services.Contains(service))];
    }

    public async Task<DeliveryCounts> CountsAsync(Outage outage, CancellationToken cancellationToken)
    {
        var byState = await db.Set<OutageNotice>().AsNoTracking().Where(n => n.OutageId == outage.Id)
            .GroupBy(n => n.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var upToDate = await db.Set<OutageNotice>().AsNoTracking()
            .CountAsync(n => n.OutageId == outage.Id && n.State == NoticeState.Sent && n.SentRevision >= outage.Revision, cancellationToken);
        var affected = await db.Set<OutageLink>().AsNoTracking().Where(l => l.OutageId == outage.Id && l.PersonId != null)
            .Select(l => l.PersonId).Distinct().CountAsync(cancellationToken);
        int Of(NoticeState state) => byState.FirstOrDefault(s => s.State == state)?.Count ?? 0;
        return new DeliveryCounts(byState.Sum(s => s.Count), Of(NoticeState.Pending), Of(NoticeState.Sent), Of(NoticeState.Failed),
            Of(NoticeState.Unreachable), upToDate, affected, outage.Deflections);
    }

    /// <summary>
    /// "I'm affected too": the person is counted on the outage (once) and gets its updates. When <paramref name="card"/>
    /// says where the card they pressed is, that card becomes their notice (edited in place from now on) unless they have
    /// one already: nobody gets two cards for one outage.
    /// </summary>
    public async Task<bool> AffectedAsync(Outage outage, Person person, CardPlace? card, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counted = await db.Set<OutageLink>().AnyAsync(l => l.OutageId == outage.Id && l.PersonId == person.Id, cancellationToken);
        if (!counted)
        {
            db.Add(OutageLink.Affected(outage.Id, person.Id, null, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await BindCardAsync(outage, person.Id, card, cancellationToken);
        return !counted;
    }

    /// <summary>The outage card shown in someone's chat (a deflection) becomes their notice, unless they have one.</summary>
    public async Task BindCardAsync(Outage outage, int personId, CardPlace? card, CancellationToken cancellationToken)
    {
        var notice = await db.Set<OutageNotice>().SingleOrDefaultAsync(n => n.OutageId == outage.Id && n.PersonId == personId, cancellationToken);
        if (notice is { ActivityId: not null } && notice.State != NoticeState.Unreachable)
        {
            return;
        }

        if (notice is null)
        {
            notice = OutageNotice.ForPerson(outage.Id, personId, outage.Revision, time.GetUtcNow());
            db.Add(notice);
        }

        if (card is not null)
        {
            notice.ShownIn(card, outage.Revision, time.GetUtcNow());
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the broadcast added them at the same moment: its card stands
        }

        broadcaster.Wake();
    }

    public Task CountDeflectionAsync(Outage outage, CancellationToken cancellationToken) =>
        db.Set<Outage>().Where(o => o.Id == outage.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Deflections, o => o.Deflections + 1), cancellationToken);

    /// <summary>Adds a notice for everyone the outage concerns who has none yet; returns how many it added.</summary>
    public async Task<int> AddAudienceAsync(Outage outage, CancellationToken cancellationToken)
    {
        var ids = await AudienceAsync(outage.Services, cancellationToken);
        var added = 0;
        var now = time.GetUtcNow();
        foreach (var chunk in ids.Chunk(InsertChunk))
        {
            added += await InsertNoticesAsync(outage, chunk.Select(id => (OutageNotice.PersonPrefix + id.ToString(CultureInfo.InvariantCulture), (int?)id)), now, cancellationToken);
            broadcaster.Wake(); // the first ones go out while the rest are written
        }

        added += await InsertNoticesAsync(outage, options.Value.Channels.Select(c => (OutageNotice.ChannelPrefix + Uri.UnescapeDataString(c.ChannelId.Trim()), (int?)null)), now, cancellationToken);
        return added;
    }

    /// <summary>The directory ids of the people who depend on any of <paramref name="serviceIds"/>.</summary>
    public async Task<List<int>> AudienceAsync(IReadOnlyList<string> serviceIds, CancellationToken cancellationToken)
    {
        var services = await db.Set<ServiceDefinition>().AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var departments = services.SelectMany(s => s.Departments).Select(d => d.ToLowerInvariant()).Distinct().ToList();
        var locations = services.SelectMany(s => s.Locations).Select(l => l.ToLowerInvariant()).Distinct().ToList();
        var subscriptions = db.Set<ServiceSubscription>().Where(s => serviceIds.Contains(s.ServiceId));
        var subscribed = subscriptions.Where(s => s.Subscribed).Select(s => s.PersonId);
        var optedOut = subscriptions.Where(s => !s.Subscribed).Select(s => s.PersonId);
        var requesters = await RequestersOnAsync(serviceIds, cancellationToken);

        var people = db.People.AsNoTracking();
        if (!services.Any(s => s.Everyone))
        {
            people = people.Where(p => (p.Department != null && departments.Contains(p.Department.ToLower()))
                || (p.Location != null && locations.Contains(p.Location.ToLower()))
                || subscribed.Contains(p.Id)
                || (p.TeamsId != null && requesters.Contains(p.TeamsId)));
        }

        return await people.Where(p => !optedOut.Contains(p.Id) || subscribed.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Attaches an incident to the outage (once); false when there is no such ticket.</summary>
    public async Task<bool> AttachIncidentAsync(Outage outage, string ticketNumber, CancellationToken cancellationToken)
    {
        var number = ticketNumber.Trim().ToUpperInvariant();
        if (!await db.Set<Ticket>().AnyAsync(t => t.Number == number, cancellationToken))
        {
            return false;
        }

        if (!await db.Set<OutageLink>().AnyAsync(l => l.OutageId == outage.Id && l.TicketNumber == number, cancellationToken))
        {
            db.Add(OutageLink.Incident(outage.Id, number, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    // The open incidents already filed on its services (the incident form's "service" field) belong to it.
    private async Task AttachOpenIncidentsAsync(Outage outage, CancellationToken cancellationToken)
    {
        foreach (var id in outage.Services)
        {
            var field = $"\"service\":\"{id}\"";
            var numbers = await db.Set<Ticket>().AsNoTracking()
                .Where(t => t.Kind == TicketKind.Incident && t.State != TicketState.Resolved && t.State != TicketState.Closed
                    && t.State != TicketState.Cancelled && t.Fields.Contains(field))
                .OrderBy(t => t.Id).Select(t => t.Number).Take(500).ToListAsync(cancellationToken);
            foreach (var number in numbers)
            {
                await AttachIncidentAsync(outage, number, cancellationToken);
            }
        }
    }

    // Open tickets whose form named the service (the incident form's "service" field).
    private async Task<List<string>> RequestersOnAsync(IReadOnlyList<string> serviceIds, CancellationToken cancellationToken)
    {
        var requesters = new List<string>();
        foreach (var id in serviceIds)
        {
            var field = $"\"service\":\"{id}\"";
            requesters.AddRange(await db.Set<Ticket>().AsNoTracking()
                .Where(t => t.State != TicketState.Resolved && t.State != TicketState.Closed && t.State != TicketState.Cancelled && t.Fields.Contains(field))
                .Select(t => t.RequesterId).Distinct().ToListAsync(cancellationToken));
        }

        return [.. requesters.Distinct()];
    }

    // One statement per chunk, rows already there left alone (the unique index on outage and recipient).
    private async Task<int> InsertNoticesAsync(Outage outage, IEnumerable<(string Recipient, int? PersonId)> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return 0;
        }

        var at = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;
        var sql = new StringBuilder("INSERT INTO \"OutageNotices\" (\"OutageId\", \"Recipient\", \"PersonId\", \"State\", \"SentRevision\", \"TargetRevision\", " +
            "\"MessagedRevision\", \"Attempts\", \"NextAttemptAt\", \"CreatedAt\") VALUES ");
        // Planned maintenance is first announced at the earliest lead time (or now, when that has passed).
        var firstAt = outage.Kind == OutageKind.Maintenance
            ? Max(now, outage.StartedAt - options.Value.MaintenanceNoticesBefore.DefaultIfEmpty(TimeSpan.Zero).Max())
            : now;
        var nextAt = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(firstAt)!;
        var parameters = new List<object> { outage.Id, outage.Revision, at, 0, nextAt };
        for (var i = 0; i < list.Count; i++)
        {
            parameters.Add(list[i].Recipient);
            var recipient = $"{{{parameters.Count - 1}}}";
            var person = "NULL"; // a channel
            if (list[i].PersonId is { } p)
            {
                parameters.Add(p);
                person = $"{{{parameters.Count - 1}}}";
            }

            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({{0}}, {recipient}, {person}, 'Pending', 0, {{1}}, {{3}}, 0, {{4}}, {{2}})");
        }

        sql.Append(" ON CONFLICT (\"OutageId\", \"Recipient\") DO NOTHING");
        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }

    private async Task<List<string>> CheckAsync(NewOutage request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Outage.MaxTitleLength)
        {
            throw new OutageInputException($"title: required, at most {Outage.MaxTitleLength} characters.");
        }

        if (request.Impact is { Length: > Outage.MaxImpactLength } || request.Message is { Length: > Outage.MaxMessageLength })
        {
            throw new OutageInputException($"impact: at most {Outage.MaxImpactLength} characters; message: at most {Outage.MaxMessageLength}.");
        }

        var ids = request.Services.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList();
        if (ids.Count is 0 or > Outage.MaxServices)
        {
            throw new OutageInputException($"services: name 1 to {Outage.MaxServices} services of the service map.");
        }

        var known = await db.Set<ServiceDefinition>().AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        if (ids.Except(known).ToList() is { Count: > 0 } unknown)
        {
            throw new OutageInputException($"services: not in the service map: {string.Join(", ", unknown)} (GET /api/services lists them).");
        }

        if (request.Kind == OutageKind.Maintenance && (request.Start is not { } start || request.End is not { } end || end <= start))
        {
            throw new OutageInputException("start and end: planned maintenance needs both, the end after the start.");
        }

        return ids;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Where a card is: its channel, service URL, conversation and activity.</summary>
public sealed record CardPlace(string ChannelId, string ServiceUrl, string ConversationId, string ActivityId);
