using HelpdeskBot.Agents;
using HelpdeskBot.Conversations;
using HelpdeskBot.Outages;
using HelpdeskBot.People;
using HelpdeskBot.Requests;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpdeskBot.Storage;

/// <summary>
/// The help desk's own tables: SQLite by default, PostgreSQL with <c>Database:Provider=PostgreSQL</c>, whose migrations
/// belong to <see cref="PostgresHelpdeskDbContext"/> (EF Core finds a context's migrations by its type).
/// </summary>
public class HelpdeskDbContext : DbContext
{
    public HelpdeskDbContext(DbContextOptions<HelpdeskDbContext> options) : base(options) { }

    public DbSet<StoredConversation> Conversations => Set<StoredConversation>();
    public DbSet<Person> People => Set<Person>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no DateTimeOffset type; stored as a sortable number so ORDER BY and comparisons work. PostgreSQL
        // stores the same numbers, so both providers read, compare and write instants alike (offsets kept).
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

/// <summary>The same model on PostgreSQL; its migrations are in <c>Storage/PostgreSQL</c>.</summary>
public sealed class PostgresHelpdeskDbContext(DbContextOptions<HelpdeskDbContext> options) : HelpdeskDbContext(options);

/// <summary>For <c>dotnet ef migrations add ... --context PostgresHelpdeskDbContext</c>: no server is contacted.</summary>
public sealed class PostgresHelpdeskDbContextDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresHelpdeskDbContext>
{
    public PostgresHelpdeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HelpdeskDbContext>().UseNpgsql("Host=localhost;Database=helpdesk").Options);
}
