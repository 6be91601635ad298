using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Requests;

/// <summary>The chat side of tickets in the help desk's database: where each ticket's cards are, and the card token key.</summary>
public static class RequestsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CardTokenSecret>(secret =>
        {
            secret.ToTable("CardTokenSecrets");
            secret.Property(s => s.Id).HasMaxLength(32);
        });
        modelBuilder.Entity<TicketCard>(card =>
        {
            card.ToTable("TicketCards");
            card.HasIndex(c => new { c.TicketNumber, c.Role, c.UserId }).IsUnique();
            card.Property(c => c.TicketNumber).HasMaxLength(16);
            card.Property(c => c.Role).HasMaxLength(16);
            card.Property(c => c.UserId).HasMaxLength(256);
            card.Property(c => c.ChannelId).HasMaxLength(64);
            card.Property(c => c.ConversationId).HasMaxLength(512);
            card.Property(c => c.ActivityId).HasMaxLength(512);
        });
    }
}
