using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Requests;

/// <summary>Remembers where each person's card for a ticket is (the latest one shown), to update it in place.</summary>
public sealed class TicketCards(HelpdeskDbContext db, TimeProvider time)
{
    public Task<TicketCard?> FindAsync(string ticketNumber, string role, string userId, CancellationToken cancellationToken) =>
        db.Set<TicketCard>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.TicketNumber == ticketNumber && c.Role == role && c.UserId == userId, cancellationToken);

    public async Task RememberAsync(
        string ticketNumber, string role, string userId, string channelId, string conversationId, string activityId,
        CancellationToken cancellationToken)
    {
        if (channelId.Length == 0 || conversationId.Length is 0 or > 512 || activityId.Length is 0 or > 512)
        {
            return; // nothing that could be updated later
        }

        for (var attempt = 1; ; attempt++)
        {
            var card = await db.Set<TicketCard>()
                .SingleOrDefaultAsync(c => c.TicketNumber == ticketNumber && c.Role == role && c.UserId == userId, cancellationToken);
            if (card is null)
            {
                db.Add(new TicketCard(ticketNumber, role, userId, channelId, conversationId, activityId, time.GetUtcNow()));
            }
            else
            {
                card.Replace(channelId, conversationId, activityId, time.GetUtcNow());
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear(); // the same card remembered at the same moment elsewhere: write over it
            }
        }
    }
}
