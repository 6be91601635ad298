using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Outages;

/// <summary>The outages' tables: the service map, subscriptions, outages and their timelines, alerts, and per-recipient delivery.</summary>
public static class OutagesModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceDefinition>(service =>
        {
            service.ToTable("Services");
            service.HasKey(s => s.Id);
            service.Property(s => s.Id).HasMaxLength(ServiceDefinition.MaxIdLength);
            service.Property(s => s.Name).HasMaxLength(ServiceDefinition.MaxNameLength);
        });
        modelBuilder.Entity<ServiceSubscription>(subscription =>
        {
            subscription.ToTable("ServiceSubscriptions");
            subscription.HasIndex(s => new { s.ServiceId, s.PersonId }).IsUnique();
            subscription.HasIndex(s => s.PersonId);
            subscription.Property(s => s.ServiceId).HasMaxLength(ServiceDefinition.MaxIdLength);
        });
        modelBuilder.Entity<Outage>(outage =>
        {
            outage.ToTable("Outages");
            outage.Ignore(o => o.Number);
            outage.HasIndex(o => o.Status);
            outage.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
            outage.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            outage.Property(o => o.Title).HasMaxLength(Outage.MaxTitleLength);
            outage.Property(o => o.Impact).HasMaxLength(Outage.MaxImpactLength);
            outage.Property(o => o.CreatedBy).HasMaxLength(256);
            outage.Property(o => o.RemindersSent).HasMaxLength(200);
            outage.Property(o => o.Version).IsConcurrencyToken();
            outage.Property(o => o.StatusCardChannelId).HasMaxLength(64);
            outage.Property(o => o.StatusCardServiceUrl).HasMaxLength(512);
            outage.Property(o => o.StatusCardConversationId).HasMaxLength(512);
            outage.Property(o => o.StatusCardActivityId).HasMaxLength(512);
            outage.HasMany(o => o.Timeline).WithOne().HasForeignKey(u => u.OutageId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OutageUpdate>(update =>
        {
            update.ToTable("OutageUpdates");
            update.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
            update.Property(u => u.Message).HasMaxLength(Outage.MaxMessageLength);
            update.Property(u => u.Author).HasMaxLength(256);
        });
        modelBuilder.Entity<OutageLink>(link =>
        {
            link.ToTable("OutageLinks");
            link.HasIndex(l => new { l.OutageId, l.PersonId });
            link.HasIndex(l => l.TicketNumber);
            link.Property(l => l.TicketNumber).HasMaxLength(16);
        });
        modelBuilder.Entity<OutageAlert>(alert =>
        {
            alert.ToTable("OutageAlerts");
            alert.HasIndex(a => new { a.Source, a.Fingerprint }).IsUnique();
            alert.HasIndex(a => a.OutageId);
            alert.Property(a => a.Source).HasMaxLength(32);
            alert.Property(a => a.Fingerprint).HasMaxLength(200);
            alert.Property(a => a.Service).HasMaxLength(ServiceDefinition.MaxIdLength);
        });
        modelBuilder.Entity<OutageNotice>(notice =>
        {
            notice.ToTable("OutageNotices");
            notice.HasIndex(n => new { n.OutageId, n.Recipient }).IsUnique();
            notice.HasIndex(n => new { n.State, n.NextAttemptAt });
            notice.HasIndex(n => new { n.OutageId, n.State, n.NextAttemptAt });
            notice.Property(n => n.Recipient).HasMaxLength(300);
            notice.Property(n => n.State).HasConversion<string>().HasMaxLength(16);
            notice.Property(n => n.ChannelId).HasMaxLength(64);
            notice.Property(n => n.ServiceUrl).HasMaxLength(512);
            notice.Property(n => n.ConversationId).HasMaxLength(512);
            notice.Property(n => n.ActivityId).HasMaxLength(512);
            notice.Property(n => n.LeaseOwner).HasMaxLength(64);
            notice.Property(n => n.Error).HasMaxLength(1000);
        });
        modelBuilder.Entity<BroadcastBudget>(budget =>
        {
            budget.ToTable("BroadcastBudgets");
            budget.HasKey(b => b.Tenant);
            budget.Property(b => b.Tenant).HasMaxLength(64);
        });
    }
}
