using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace HelpdeskBot.Storage;

/// <summary>
/// Work that must not run twice at once across instances (an alert payload, a people import) takes one of these
/// inside its transaction. On PostgreSQL it is a transaction-scoped advisory lock: another instance waits until this
/// transaction ends, then reads what it committed. SQLite serves one process (its writers queue anyway): nothing to take.
/// </summary>
public static class DatabaseLocks
{
    /// <summary>Incoming monitoring alerts ("alerts" in ASCII).</summary>
    public const long Alerts = 0x616c65727473;

    /// <summary>Writes of the people directory by import ("people" in ASCII).</summary>
    public const long People = 0x70656f706c65;

    /// <summary>Takes <paramref name="key"/> until the current transaction ends (there must be one).</summary>
    public static async Task HoldForTransactionAsync(this DatabaseFacade database, long key, CancellationToken cancellationToken)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A transaction-scoped lock needs a transaction.");
        }

        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
    }
}
