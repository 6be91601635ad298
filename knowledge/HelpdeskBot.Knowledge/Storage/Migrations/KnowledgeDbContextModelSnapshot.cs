using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

#nullable disable

namespace HelpdeskBot.Knowledge.Storage.Migrations;

// Written by hand (see InitialKnowledge); keep it equal to the model when adding a migration.
[DbContext(typeof(KnowledgeDbContext))]
public partial class KnowledgeDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        modelBuilder.Entity("HelpdeskBot.Knowledge.Storage.Article", b =>
        {
            b.Property<string>("Id").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<long>("CreatedAt").HasColumnType("INTEGER");
            b.Property<int>("LatestVersion").HasColumnType("INTEGER");
            b.Property<int?>("PublishedVersion").HasColumnType("INTEGER");
            b.Property<string>("State").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<long>("UpdatedAt").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.ToTable("Articles");
        });

        modelBuilder.Entity("HelpdeskBot.Knowledge.Storage.ArticleVersion", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("ArticleId").IsRequired().HasColumnType("TEXT");
            b.Property<string>("Audience").HasColumnType("TEXT");
            b.Property<string>("Author").IsRequired().HasColumnType("TEXT");
            b.Property<string>("Body").IsRequired().HasColumnType("TEXT");
            b.Property<string>("ContentHash").IsRequired().HasColumnType("TEXT");
            b.Property<long>("CreatedAt").HasColumnType("INTEGER");
            b.Property<int>("Number").HasColumnType("INTEGER");
            b.Property<string>("Owner").HasColumnType("TEXT");
            b.Property<DateOnly?>("ReviewBy").HasColumnType("TEXT");
            b.Property<string>("Service").IsRequired().HasColumnType("TEXT");
            b.Property<string>("Tags").IsRequired().HasColumnType("TEXT");
            b.Property<string>("Title").IsRequired().HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("ArticleId", "Number").IsUnique();
            b.ToTable("ArticleVersions");
        });

        modelBuilder.Entity("HelpdeskBot.Knowledge.Storage.KnowledgeGap", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("ArticleId").HasColumnType("TEXT");
            b.Property<string>("Kind").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("NormalizedQuestion").IsRequired().HasColumnType("TEXT");
            b.Property<string>("Question").IsRequired().HasColumnType("TEXT");
            b.Property<long>("RecordedAt").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("NormalizedQuestion");
            b.ToTable("Gaps");
        });

        modelBuilder.Entity("HelpdeskBot.Knowledge.Storage.ArticleVersion", b =>
        {
            b.HasOne("HelpdeskBot.Knowledge.Storage.Article", null)
                .WithMany("Versions")
                .HasForeignKey("ArticleId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("HelpdeskBot.Knowledge.Storage.Article", b => b.Navigation("Versions"));
    }
}
