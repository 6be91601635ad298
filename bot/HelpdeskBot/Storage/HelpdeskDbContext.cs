using HelpdeskBot.Agents;
using HelpdeskBot.Conversations;
using HelpdeskBot.Outages;
using HelpdeskBot.People;
using HelpdeskBot.Requests;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpdeskBot.Storage;

/// <summary>The help desk's own tables (SQLite by default).</summary>
public sealed class HelpdeskDbContext(DbContextOptions<HelpdeskDbContext> options) : DbContext(options)
{
    public DbSet<StoredConversation> Conversations => Set<StoredConversation>();
    public DbSet<Person> People => Set<Person>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no DateTimeOffset type; stored as a sortable number so ORDER BY and comparisons work.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredConversation>(conversation =>
        {
            conversation.HasIndex(c => new { c.ChannelId, c.ConversationId }).IsUnique();
            conversation.HasIndex(c => c.UserId);
            conversation.Property(c => c.ChannelId).HasMaxLength(64);
            conversation.Property(c => c.ConversationId).HasMaxLength(512);
            conversation.Property(c => c.ServiceUrl).HasMaxLength(512);
        });
        PeopleConfiguration.Configure(modelBuilder);
        TicketsModel.Configure(modelBuilder);
        RequestsModel.Configure(modelBuilder);
        AgentsModel.Configure(modelBuilder);
        OutagesModel.Configure(modelBuilder);
    }
}
