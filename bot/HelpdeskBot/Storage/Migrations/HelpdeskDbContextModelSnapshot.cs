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
    }
}
