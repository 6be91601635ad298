using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Agents;

/// <summary>The agents' tables: teams the bot is installed in, queues set in Teams, and each ticket's queue thread.</summary>
public static class AgentsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AgentTeam>(team =>
        {
            team.ToTable("AgentTeams");
            team.HasIndex(t => t.TeamId).IsUnique();
            team.Property(t => t.TeamId).HasMaxLength(256);
            team.Property(t => t.AadGroupId).HasMaxLength(64);
            team.Property(t => t.Name).HasMaxLength(256);
            team.Property(t => t.ChannelId).HasMaxLength(64);
            team.Property(t => t.ServiceUrl).HasMaxLength(512);
            team.Property(t => t.TenantId).HasMaxLength(64);
            team.Property(t => t.BotId).HasMaxLength(256);
            team.Ignore(t => t.IsInstalled);
        });
        modelBuilder.Entity<QueueChannel>(queue =>
        {
            queue.ToTable("QueueChannels");
            queue.HasIndex(q => q.Group).IsUnique();
            queue.Property(q => q.Group).HasMaxLength(100);
            queue.Property(q => q.TeamId).HasMaxLength(256);
            queue.Property(q => q.ChannelId).HasMaxLength(256);
            queue.Property(q => q.SetBy).HasMaxLength(256);
        });
        modelBuilder.Entity<QueueThread>(thread =>
        {
            thread.ToTable("QueueThreads");
            thread.HasIndex(t => t.TicketNumber).IsUnique();
            thread.HasIndex(t => t.ConversationId);
            thread.HasIndex(t => t.State);
            thread.Property(t => t.TicketNumber).HasMaxLength(16);
            thread.Property(t => t.Group).HasMaxLength(100);
            thread.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
            thread.Property(t => t.WaitingReason).HasMaxLength(1000);
            thread.Property(t => t.TeamId).HasMaxLength(256);
            thread.Property(t => t.ChannelId).HasMaxLength(256);
            thread.Property(t => t.ConversationId).HasMaxLength(512);
            thread.Property(t => t.ActivityId).HasMaxLength(512);
            thread.Property(t => t.CardHash).HasMaxLength(64);
        });
        modelBuilder.Entity<Handoff>(handoff =>
        {
            handoff.ToTable("Handoffs");
            handoff.HasIndex(h => h.TicketNumber).IsUnique();
            handoff.HasIndex(h => new { h.ChannelId, h.ConversationId });
            handoff.Property(h => h.TicketNumber).HasMaxLength(16);
            handoff.Property(h => h.RequesterId).HasMaxLength(256);
            handoff.Property(h => h.ChannelId).HasMaxLength(64);
            handoff.Property(h => h.ConversationId).HasMaxLength(512);
            handoff.Property(h => h.AgentId).HasMaxLength(256);
            handoff.Property(h => h.State).HasConversion<string>().HasMaxLength(16);
            handoff.Ignore(h => h.IsOpen);
        });
        modelBuilder.Entity<RelayedActivity>(relayed =>
        {
            relayed.ToTable("RelayedActivities");
            relayed.HasIndex(r => new { r.ChannelId, r.ActivityId }).IsUnique();
            relayed.Property(r => r.ChannelId).HasMaxLength(64);
            relayed.Property(r => r.ActivityId).HasMaxLength(256);
        });
    }
}
