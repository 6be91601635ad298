using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tickets;

/// <summary>The tickets' tables in <see cref="Storage.HelpdeskDbContext"/> (called from its OnModelCreating).</summary>
public static class TicketsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.ToTable("Tickets");
            ticket.HasIndex(t => t.Number).IsUnique();
            ticket.HasIndex(t => new { t.SubmissionSource, t.SubmissionKey }).IsUnique();
            ticket.HasIndex(t => t.RequesterId);
            ticket.HasIndex(t => t.State);
            ticket.Property(t => t.Number).HasMaxLength(16);
            ticket.Property(t => t.SubmissionKey).HasMaxLength(SubmissionKey.MaxLength);
            ticket.Property(t => t.SubmissionSource).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.CatalogItemId).HasMaxLength(100);
            ticket.Property(t => t.Title).HasMaxLength(Ticket.MaxTitleLength);
            ticket.Property(t => t.Description).HasMaxLength(Ticket.MaxDescriptionLength);
            ticket.Property(t => t.RequesterId).HasMaxLength(256);
            ticket.Property(t => t.AssignmentGroup).HasMaxLength(100);
            ticket.Property(t => t.AssigneeId).HasMaxLength(256);
            ticket.Property(t => t.ApproverId).HasMaxLength(256);
            ticket.Property(t => t.ApprovalReason).HasMaxLength(Ticket.MaxReasonLength);
            ticket.Property(t => t.RatingComment).HasMaxLength(Ticket.MaxReasonLength);
            ticket.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.Impact).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.Urgency).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.Approval).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.PausedBusinessTime).HasConversion<long>();
            ticket.Property(t => t.Version).IsConcurrencyToken();
            ticket.HasMany(t => t.Journal).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TicketJournalEntry>(entry =>
        {
            entry.ToTable("TicketJournal");
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
            entry.Property(e => e.From).HasMaxLength(400);
            entry.Property(e => e.To).HasMaxLength(400);
        });

        modelBuilder.Entity<PendingTicketEvent>(pending =>
        {
            pending.ToTable("PendingTicketEvents");
            pending.HasOne(p => p.JournalEntry).WithMany().HasForeignKey(p => p.JournalEntryId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TicketSequence>(sequence =>
        {
            sequence.ToTable("TicketSequences");
            sequence.HasKey(s => s.Prefix);
            sequence.Property(s => s.Prefix).HasMaxLength(8);
        });
    }
}
