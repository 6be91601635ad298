using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpdeskBot.Knowledge.Storage;

/// <summary>
/// Articles, their versions and the knowledge gaps. The search index is a Lucene.Net folder kept current from
/// <see cref="KnowledgeChanges"/> (see <see cref="Search.KnowledgeIndex"/>).
/// </summary>
public class KnowledgeDbContext(DbContextOptions<KnowledgeDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__KnowledgeMigrationsHistory";

    /// <summary>SQLite for the knowledge tables, with their own migrations history (they may share the bot's database).</summary>
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable));

    /// <summary>The options of <see cref="ConfigureSqlite"/>, for a context made without dependency injection.</summary>
    public static DbContextOptions<KnowledgeDbContext> SqliteOptions(string connectionString)
    {
        var options = new DbContextOptionsBuilder<KnowledgeDbContext>();
        ConfigureSqlite(options, connectionString);
        return options.Options;
    }

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleVersion> ArticleVersions => Set<ArticleVersion>();
    public DbSet<KnowledgeGap> Gaps => Set<KnowledgeGap>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Article>(article =>
        {
            article.HasKey(a => a.Id);
            article.Property(a => a.Id).HasMaxLength(100);
            article.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
            article.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.ArticleId);
            article.Navigation(a => a.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
            article.Ignore(a => a.Latest);
            article.Ignore(a => a.Published);
        });
        modelBuilder.Entity<ArticleVersion>(version =>
        {
            version.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
            version.Ignore(v => v.TagList);
        });
        modelBuilder.Entity<KnowledgeGap>(gap =>
        {
            gap.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
            gap.HasIndex(g => g.NormalizedQuestion);
        });
    }
}

/// <summary>The same model on PostgreSQL; its migrations are in <c>Storage/PostgreSQL</c>.</summary>
public sealed class PostgresKnowledgeDbContext(DbContextOptions<KnowledgeDbContext> options) : KnowledgeDbContext(options)
{
    /// <summary>PostgreSQL for the knowledge tables, with their own migrations history.</summary>
    public static DbContextOptions<KnowledgeDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<KnowledgeDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable)).Options;
}

/// <summary>For <c>dotnet ef migrations add ... --context PostgresKnowledgeDbContext</c>: no server is contacted.</summary>
public sealed class PostgresKnowledgeDbContextDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresKnowledgeDbContext>
{
    public PostgresKnowledgeDbContext CreateDbContext(string[] args) => new(PostgresKnowledgeDbContext.Options("Host=localhost;Database=helpdesk"));
}
