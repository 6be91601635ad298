using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tickets;

/// <summary>Human-readable ticket numbers, "REQ0001001" and "INC0001001", one sequence per kind starting at 1001.</summary>
public static class TicketNumbers
{
    public const long First = 1001;

    public static string Prefix(TicketKind kind) => kind == TicketKind.Incident ? "INC" : "REQ";

    public static string Format(TicketKind kind, long value) => $"{Prefix(kind)}{value:D7}";

    /// <summary>
    /// Takes the next number in one statement (an upsert that returns the new value), so two instances sharing the
    /// database can never get the same one. A number taken by a create that then fails is skipped, never reused.
    /// </summary>
    public static async Task<string> NextAsync(HelpdeskDbContext db, TicketKind kind, CancellationToken cancellationToken)
    {
        var prefix = Prefix(kind);
        var taken = await db.Database.SqlQuery<long>($"""
            INSERT INTO "TicketSequences" ("Prefix", "Next") VALUES ({prefix}, {First + 1})
            ON CONFLICT ("Prefix") DO UPDATE SET "Next" = "TicketSequences"."Next" + 1
            RETURNING "Next" - 1 AS "Value"
            """).ToListAsync(cancellationToken);
        return Format(kind, taken.Single());
    }
}
