using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations); keep it equal to the model when adding a migration.
[DbContext(typeof(HelpdeskDbContext))]
public partial class HelpdeskDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        modelBuilder.Entity("HelpdeskBot.Conversations.StoredConversation", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<bool>("Authenticated").HasColumnType("INTEGER");
            b.Property<string>("BotId").HasColumnType("TEXT");
            b.Property<string>("BotName").HasColumnType("TEXT");
            b.Property<string>("ChannelId").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.Property<string>("ConversationId").IsRequired().HasMaxLength(512).HasColumnType("TEXT");
            b.Property<string>("ConversationType").HasColumnType("TEXT");
            b.Property<bool?>("IsGroup").HasColumnType("INTEGER");
            b.Property<long>("LastActivityAt").HasColumnType("INTEGER");
            b.Property<string>("Locale").HasColumnType("TEXT");
            b.Property<string>("ServiceUrl").IsRequired().HasMaxLength(512).HasColumnType("TEXT");
            b.Property<string>("TenantId").HasColumnType("TEXT");
            b.Property<string>("UserAadObjectId").HasColumnType("TEXT");
            b.Property<string>("UserId").HasColumnType("TEXT");
            b.Property<string>("UserName").HasColumnType("TEXT");
            b.Property<long?>("WelcomedAt").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("UserId");
            b.HasIndex("ChannelId", "ConversationId").IsUnique();
            b.ToTable("Conversations");
        });

        modelBuilder.Entity("HelpdeskBot.People.Person", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("AadObjectId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("Department").HasMaxLength(128).HasColumnType("TEXT");
            b.Property<string>("Email").HasMaxLength(254).HasColumnType("TEXT");
            b.Property<string>("Location").HasMaxLength(128).HasColumnType("TEXT");
            b.Property<string>("ManagerEmail").HasMaxLength(254).HasColumnType("TEXT");
            b.Property<int?>("ManagerId").HasColumnType("INTEGER");
            b.Property<string>("Name").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("Source").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("TeamsId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<long>("UpdatedAt").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("AadObjectId").IsUnique();
            b.HasIndex("Department");
            b.HasIndex("Email").IsUnique();
            b.HasIndex("ManagerId");
            b.HasIndex("TeamsId").IsUnique();
            b.ToTable("People");
        });

        modelBuilder.Entity("HelpdeskBot.People.Person", b =>
        {
            b.HasOne("HelpdeskBot.People.Person", null)
                .WithMany()
                .HasForeignKey("ManagerId")
                .OnDelete(DeleteBehavior.SetNull);
        });
    }
}
