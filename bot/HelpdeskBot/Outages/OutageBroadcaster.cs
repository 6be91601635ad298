using HelpdeskBot.Background;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using HelpdeskBot.Agents;
using HelpdeskBot.Observability;
using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

/// <summary>
/// Delivers outage notices: claims due <see cref="OutageNotice"/>s (leased, so across instances each is sent by one),
/// and brings each recipient's card to the outage's latest revision: the first time a new card in their 1:1 chat
/// (opening the chat when there is none) or a new thread in a configured channel, later a PUT of that card, and once,
/// when resolved, a short new message too. Every send waits for the tenant's <see cref="BroadcastRateBudget"/>. A 429
/// or 503 puts that one notice back with its <c>Retry-After</c> (else an exponential backoff) while the others go on;
/// a 403 marks it unreachable. Several broadcasts are claimed in turn, so they share the budget fairly.
/// The remaining window for a duplicate: a send the connector accepted whose result was not yet written when the
/// process died (at most <see cref="BroadcastOptions.Concurrency"/> notices; the result is written right after each send).
/// </summary>
public sealed class OutageBroadcaster(
    IServiceScopeFactory scopes, BroadcastRateBudget budget, BroadcastWriteGate writes, ConnectorClientFactory connectors, TrustedServiceUrls trustedUrls,
    IOptions<OutagesOptions> options, TimeProvider time, HelpdeskMetrics metrics, ILogger<OutageBroadcaster> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly WakeSignal _wake = new();
    private readonly ConcurrentDictionary<(int Outage, int Revision), Task<Content>> _contents = new();
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private int _inFlight;
    private long _claims;
    private DateTimeOffset _renewedAt;

    private BroadcastOptions Settings => options.Value.Broadcast;

    // Notices claimed and not yet dealt with, at most: two seconds' worth at the ceiling, and at least two per worker.
    private int QueueTarget => Math.Max(Settings.Concurrency * 2, Settings.RatePerSecond * 2);

    /// <summary>Notices are due (an outage opened or changed): claim them now rather than at the next poll.</summary>
    public void Wake() => _wake.Wake();


    /// <summary>A revision's card, and the short message that goes with its edit when the change matters (else null).</summary>
    private sealed record Content(string Title, JsonElement Card, string? Message);

    private sealed record Claimed(long Id, int OutageId, int? PersonId, string Recipient, string? ChannelId, string? ServiceUrl,
        string? ConversationId, string? ActivityId, int SentRevision, int MessagedRevision, int Attempts);

    private sealed record Target(string ChannelId, string ServiceUrl, string ConversationId, string Tenant, bool Authenticated);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = Channel.CreateUnbounded<Claimed>();
        _recorder = RecordLoopAsync();
        var workers = Enumerable.Range(0, Settings.Concurrency).Select(_ => WorkAsync(queue.Reader, stoppingToken)).ToList();
        try
        {
            await ClaimAndSendAsync(queue.Writer, stoppingToken);
        }
        finally
        {
            // Stopping: the workers give back what they have not sent, and what was sent is written down.
            queue.Writer.TryComplete();
            await Task.WhenAll(workers);
            _sent.Writer.TryComplete();
            await _recorder;
        }
    }

    private async Task ClaimAndSendAsync(ChannelWriter<Claimed> queue, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                // Claimed in batches: topped up when half the queue has gone, not after every send.
                var room = QueueTarget - Volatile.Read(ref _inFlight);
                if (room >= QueueTarget / 2)
                {
                    foreach (var notice in await ClaimAsync(room, stoppingToken))
                    {
                        Interlocked.Increment(ref _inFlight);
                        metrics.OutageNoticesQueued(1);
                        queue.TryWrite(notice);
                        claimed++;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Claiming outage notices failed; trying again in {PollInterval}", PollInterval);
            }

            await RenewLeasesAsync(stoppingToken);
            var wait = await NextWaitAsync(stoppingToken);
            await _wake.WaitAsync(wait < Settings.Lease / 3 ? wait : Settings.Lease / 3, time, stoppingToken);
        }
    }

    // What this instance has claimed and still works on stays its own: renewed every third of the lease.
    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _renewedAt < Settings.Lease / 3 || Volatile.Read(ref _inFlight) == 0)
        {
            return;
        }

        _renewedAt = now;
        var prefix = _owner + ":";
        try
        {
            await WriteAsync(db => db.Set<OutageNotice>().Where(n => n.LeaseOwner != null && n.LeaseOwner.StartsWith(prefix))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseUntil, now + Settings.Lease), cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Renewing the leases of outage notices in flight failed");
        }
    }

    // The database sees one of this instance's writes at a time (32 workers writing at once made SQLite's driver sleep
    // threads for a fifth of all thread time).
    private Task GatedAsync(Func<Task> write) => writes.RunAsync(write);

    /// <summary>One write of this instance's at a time, in a scope of its own.</summary>
    private Task WriteAsync(Func<HelpdeskDbContext, Task> write) => writes.RunAsync(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        await write(scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>());
    });

    // Until the next notice put back (by a Retry-After) is due, at most the poll interval.
    private async Task<TimeSpan> NextWaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var now = time.GetUtcNow();
            var next = await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<OutageNotice>()
                .Where(n => n.State == NoticeState.Pending && n.NextAttemptAt > now).OrderBy(n => n.NextAttemptAt)
                .Select(n => (DateTimeOffset?)n.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
            var wait = next is { } at ? at - now : PollInterval;
            return wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > PollInterval ? PollInterval : wait;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return PollInterval;
        }
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> due notices, taken in turn from each outage that has some (fair sharing).
    /// </summary>
    private async Task<List<Claimed>> ClaimAsync(int max, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var now = time.GetUtcNow();
        var notices = db.Set<OutageNotice>();
        var due = notices.Where(n => n.State == NoticeState.Pending && n.NextAttemptAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now));
        // The outages with due notices (an index on outage, state and due time answers each without reading them all).
        var recent = now - TimeSpan.FromDays(7);
        var outages = await db.Set<Outage>().Where(o => o.Status != OutageStatus.Resolved || o.EndedAt > recent)
            .Where(o => due.Any(n => n.OutageId == o.Id)).OrderBy(o => o.Id).Select(o => o.Id).Take(50).ToListAsync(cancellationToken);
        if (outages.Count == 0)
        {
            return [];
        }

        var each = Math.Max(1, max / outages.Count);
        var ids = new List<long>();
        foreach (var outage in outages)
        {
            ids.AddRange(await due.Where(n => n.OutageId == outage).OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(each).ToListAsync(cancellationToken));
        }

        var claim = $"{_owner}:{Interlocked.Increment(ref _claims)}";
        var until = now + Settings.Lease;
        foreach (var chunk in ids.Chunk(500))
        {
            await GatedAsync(() => notices.Where(n => chunk.Contains(n.Id) && n.State == NoticeState.Pending && (n.LeaseUntil == null || n.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseUntil, until).SetProperty(n => n.LeaseOwner, claim), cancellationToken));
        }

        var rows = await notices.AsNoTracking().Where(n => n.LeaseOwner == claim)
            .Select(n => new Claimed(n.Id, n.OutageId, n.PersonId, n.Recipient, n.ChannelId, n.ServiceUrl, n.ConversationId, n.ActivityId,
                n.SentRevision, n.MessagedRevision, n.Attempts))
            .ToListAsync(cancellationToken);
        // In turn across outages, so a big broadcast does not hold back a small one.
        return [.. rows.GroupBy(r => r.OutageId).SelectMany(g => g.Select((r, i) => (r, i))).OrderBy(x => x.i).Select(x => x.r)];
    }

    private async Task WorkAsync(ChannelReader<Claimed> queue, CancellationToken stoppingToken)
    {
        await foreach (var notice in queue.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    await ReleaseAsync(notice); // stopping: give it back at once
                    continue;
                }

                await SendAsync(notice, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outage notice {NoticeId} failed unexpectedly", notice.Id);
                await RescheduleAsync(notice, ex.Message, null);
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(notice);
            }
            finally
            {
                metrics.OutageNoticesQueued(-1);
                if (Interlocked.Decrement(ref _inFlight) <= QueueTarget / 2)
                {
                    Wake(); // half the queue has gone: claim more
                }
            }
        }
    }

    private async Task SendAsync(Claimed notice, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var revision = await db.Set<Outage>().AsNoTracking().Where(o => o.Id == notice.OutageId).Select(o => (int?)o.Revision).SingleOrDefaultAsync(stoppingToken);
        if (revision is null)
        {
            await FinishAsync(db, notice, NoticeState.Failed, "the outage is gone");
            return;
        }

        // One card per revision, built once for everyone (a build that failed is not kept).
        var building = _contents.GetOrAdd((notice.OutageId, revision.Value), key => BuildAsync(key.Outage));
        Content content;
        try
        {
            content = await building;
        }
        catch
        {
            _contents.TryRemove(new KeyValuePair<(int, int), Task<Content>>((notice.OutageId, revision.Value), building));
            throw;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(Settings.SendTimeout);
        try
        {
            var (target, problem, unreachable) = await TargetAsync(db, notice, timeout.Token);
            if (target is null)
            {
                await FinishAsync(db, notice, unreachable ? NoticeState.Unreachable : NoticeState.Failed, problem);
                return;
            }

            if (target.Authenticated)
            {
                trustedUrls.Trust(target.ServiceUrl);
            }

            var connector = connectors.Create(target.ServiceUrl, retry: false);
            await budget.AcquireAsync(target.Tenant, stoppingToken);
            var activity = Activity.CreateMessage(null, new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = content.Card });
            activity.Summary = content.Title;
            string activityId, conversationId = target.ConversationId;
            var hadCard = notice.ActivityId is not null;
            if (hadCard)
            {
                activity.Id = notice.ActivityId;
                await connector.UpdateActivityAsync(conversationId, notice.ActivityId!, activity, timeout.Token);
                activityId = notice.ActivityId!;
            }
            else if (notice.PersonId is null && notice.ConversationId is null)
            {
                // A channel: a new thread of its own, which later revisions replace.
                var created = await connector.CreateConversationAsync(new ConversationParameters
                {
                    IsGroup = true, TenantId = target.Tenant, Activity = activity,
                    ChannelData = JsonSerializer.SerializeToElement(new { channel = new { id = target.ConversationId } }),
                }, timeout.Token);
                conversationId = created.Id ?? target.ConversationId;
                activityId = created.ActivityId ?? "";
            }
            else
            {
                activityId = (await connector.SendToConversationAsync(conversationId, activity, timeout.Token)).Id ?? "";
            }

            metrics.OutageCardSent(hadCard ? "update" : "new");
            await RecordSentAsync(notice, target with { ConversationId = conversationId }, activityId, revision.Value);
            // An edit does not notify: a change that matters (resolved, a maintenance reminder) also says so in a new message, once.
            if (hadCard && content.Message is { } text && notice.MessagedRevision < revision.Value && notice.PersonId is not null)
            {
                await budget.AcquireAsync(target.Tenant, stoppingToken);
                await connector.SendToConversationAsync(conversationId, Activity.CreateMessage(text), timeout.Token);
                metrics.OutageCardSent("message");
                await GatedAsync(() => db.Set<OutageNotice>().Where(n => n.Id == notice.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.MessagedRevision, revision.Value), CancellationToken.None));
            }
        }
        catch (ConnectorException e) when (e.IsTransient)
        {
            await RescheduleAsync(notice, e.Message, e.RetryAfter);
        }
        catch (ConnectorException e) when (e.StatusCode == HttpStatusCode.NotFound && notice.ActivityId is not null)
        {
            // Their card was deleted: post a new one.
            await GatedAsync(() => db.Set<OutageNotice>().Where(n => n.Id == notice.Id).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.ActivityId, (string?)null).SetProperty(n => n.SentRevision, 0)
                .SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null).SetProperty(n => n.LeaseOwner, (string?)null), CancellationToken.None));
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            await FinishAsync(db, notice, NoticeState.Unreachable, e.Message);
        }
        catch (ConnectorException e)
        {
            await FinishAsync(db, notice, NoticeState.Failed, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or UnauthorizedAccessException)
        {
            await FinishAsync(db, notice, NoticeState.Failed, e.Message); // a service URL it may not send to
        }
        catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            await RescheduleAsync(notice, e is OperationCanceledException ? $"no answer within {Settings.SendTimeout}" : e.Message, null);
        }
    }

    /// <summary>Where the notice goes: their 1:1 chat (found, or opened now), or the configured channel; else why not.</summary>
    private async Task<(Target? Target, string Problem, bool Unreachable)> TargetAsync(HelpdeskDbContext db, Claimed notice, CancellationToken cancellationToken)
    {
        if (notice.ConversationId is { } known && notice.ServiceUrl is { } url)
        {
            var stored = await db.Conversations.AsNoTracking().Where(c => c.ConversationId == known)
                .Select(c => new { c.TenantId, c.Authenticated }).FirstOrDefaultAsync(cancellationToken);
            return (new Target(notice.ChannelId ?? "msteams", url, known, stored?.TenantId ?? "default", stored?.Authenticated ?? false), "", false);
        }

        if (notice.PersonId is not { } personId)
        {
            return await ChannelTargetAsync(db, notice, cancellationToken);
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.TeamsId, p.AadObjectId }).SingleOrDefaultAsync(cancellationToken);
        if (person?.TeamsId is not { Length: > 0 } teamsId)
        {
            return (null, "no Teams id in the people directory (they have not used the bot, and no teams_id was imported)", true);
        }

        var chat = await db.Conversations.AsNoTracking()
            .Where(c => c.UserId == teamsId && (c.ConversationType == "personal" || c.IsGroup == false))
            .OrderByDescending(c => c.LastActivityAt).FirstOrDefaultAsync(cancellationToken);
        if (chat is not null)
        {
            return (new Target(chat.ChannelId, chat.ServiceUrl, chat.ConversationId, chat.TenantId ?? "default", chat.Authenticated), "", false);
        }

        // Nobody's chat with them yet: open one through where the bot is used in Teams (works when the app is installed for them).
        var via = await db.Conversations.AsNoTracking().Where(c => c.ChannelId == "msteams" && c.TenantId != null)
            .OrderByDescending(c => c.LastActivityAt).FirstOrDefaultAsync(cancellationToken);
        if (via is null)
        {
            return (null, "no chat with them, and the bot has not been used in Teams to open one from", true);
        }

        if (via.Authenticated)
        {
            trustedUrls.Trust(via.ServiceUrl);
        }

        await budget.AcquireAsync(via.TenantId!, cancellationToken); // opening the chat is a request to Teams too
        var created = await connectors.Create(via.ServiceUrl, retry: false).CreateConversationAsync(new ConversationParameters
        {
            IsGroup = false,
            Bot = via.BotId is { } botId ? new ChannelAccount(botId, via.BotName) : null,
            Members = [new ChannelAccount(teamsId, null) { AadObjectId = person.AadObjectId }],
            TenantId = via.TenantId,
        }, cancellationToken);
        return created.Id is { Length: > 0 } id
            ? (new Target(via.ChannelId, created.ServiceUrl ?? via.ServiceUrl, id, via.TenantId!, via.Authenticated), "", false)
            : (null, "opening a chat with them gave no conversation id", false);
    }

    private async Task<(Target?, string, bool)> ChannelTargetAsync(HelpdeskDbContext db, Claimed notice, CancellationToken cancellationToken)
    {
        var channelId = notice.Recipient[OutageNotice.ChannelPrefix.Length..];
        var configured = options.Value.Channels.FirstOrDefault(c => Uri.UnescapeDataString(c.ChannelId.Trim()) == channelId);
        var teamId = configured?.TeamId.Trim();
        var team = teamId is null ? null : await db.Set<AgentTeam>().AsNoTracking()
            .FirstOrDefaultAsync(t => (t.TeamId == teamId || t.AadGroupId == teamId) && t.RemovedAt == null, cancellationToken);
        return team is null
            ? (null, $"the bot is not installed in team {teamId ?? "(not configured)"}", true)
            : (new Target("msteams", team.ServiceUrl, channelId, team.TenantId ?? "default", team.Authenticated), "", false);
    }

    private async Task<Content> BuildAsync(int outageId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var outage = await db.Set<Outage>().AsNoTracking().Include(o => o.Timeline).SingleAsync(o => o.Id == outageId);
        var names = await ServiceNamesAsync(db, outage);
        var card = OutageCard.Build(outage, names, time.GetUtcNow());
        return new Content(OutageCard.Heading(outage, time.GetUtcNow()), JsonSerializer.SerializeToElement(card, ProtocolJson.Options),
            OutageCard.MessageWithEdit(outage, names, time.GetUtcNow()));
    }

    public static async Task<IReadOnlyList<string>> ServiceNamesAsync(HelpdeskDbContext db, Outage outage)
    {
        var names = await db.Set<ServiceDefinition>().AsNoTracking().Where(s => outage.Services.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        return [.. outage.Services.Select(s => names.GetValueOrDefault(s, s))];
    }

    private sealed record Sent(long Id, Target Target, string ActivityId, int Revision, DateTimeOffset At, TaskCompletionSource Written);

    private readonly Channel<Sent> _sent = Channel.CreateUnbounded<Sent>();
    private Task? _recorder;

    // What was sent is written in batches, one transaction for all the sends that finished meanwhile (one commit, not
    // one per send: the single writer was the ceiling at 500/s). A send's worker waits until its result is written.
    private async Task RecordSentAsync(Claimed notice, Target target, string activityId, int revision)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sent.Writer.TryWrite(new Sent(notice.Id, target, activityId, revision, time.GetUtcNow(), written));
        await written.Task;
    }

    private async Task RecordLoopAsync()
    {
        var batch = new List<Sent>();
        while (await _sent.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 500 && _sent.Reader.TryRead(out var sent))
            {
                batch.Add(sent);
            }

            try
            {
                await WriteAsync(async db =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                    foreach (var (id, target, activityId, revision, at, _) in batch)
                    {
                        await db.Set<OutageNotice>().Where(n => n.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(n => n.ChannelId, target.ChannelId)
                            .SetProperty(n => n.ServiceUrl, target.ServiceUrl)
                            .SetProperty(n => n.ConversationId, target.ConversationId)
                            .SetProperty(n => n.ActivityId, activityId)
                            .SetProperty(n => n.SentRevision, revision)
                            // A change that came in while this was sending leaves it pending, for the next revision.
                            .SetProperty(n => n.State, n => n.TargetRevision <= revision ? NoticeState.Sent : NoticeState.Pending)
                            .SetProperty(n => n.SentAt, at)
                            .SetProperty(n => n.Attempts, 0)
                            .SetProperty(n => n.Error, (string?)null)
                            .SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null)
                            .SetProperty(n => n.LeaseOwner, (string?)null), CancellationToken.None);
                    }

                    await transaction.CommitAsync(CancellationToken.None);
                });
                batch.ForEach(b => b.Written.TrySetResult());
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Writing {Count} sent outage notices failed", batch.Count);
                batch.ForEach(b => b.Written.TrySetException(ex));
            }

            batch.Clear();
        }
    }

    private async Task FinishAsync(HelpdeskDbContext db, Claimed notice, NoticeState state, string reason)
    {
        logger.LogInformation("Outage notice {NoticeId} for {Recipient}: {State} ({Reason})", notice.Id, notice.Recipient, state, reason);
        await GatedAsync(() => db.Set<OutageNotice>().Where(n => n.Id == notice.Id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.State, state)
            .SetProperty(n => n.Error, Short(reason))
            .SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(n => n.LeaseOwner, (string?)null), CancellationToken.None));
    }

    // Throttled or briefly unavailable: this one waits (Retry-After, else backoff); the broadcast goes on.
    private async Task RescheduleAsync(Claimed notice, string reason, TimeSpan? retryAfter)
    {
        var attempts = notice.Attempts + 1;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        if (attempts >= Settings.MaxAttempts)
        {
            await FinishAsync(db, notice, NoticeState.Failed, $"gave up after {attempts} tries: {reason}");
            return;
        }

        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, attempts - 1) * (0.5 + Random.Shared.NextDouble())));
        var at = time.GetUtcNow() + (retryAfter is { } wait && wait > backoff ? wait : backoff);
        await GatedAsync(() => db.Set<OutageNotice>().Where(n => n.Id == notice.Id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Attempts, attempts)
            .SetProperty(n => n.NextAttemptAt, at)
            .SetProperty(n => n.Error, Short(reason))
            .SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(n => n.LeaseOwner, (string?)null), CancellationToken.None));
    }

    private async Task ReleaseAsync(Claimed notice)
    {
        await WriteAsync(db => db.Set<OutageNotice>().Where(n => n.Id == notice.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null).SetProperty(n => n.LeaseOwner, (string?)null), CancellationToken.None));
    }

    private static string Short(string text) => text.Length <= 1000 ? text : text[..1000];
}
