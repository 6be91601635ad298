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

        modelBuilder.Entity("HelpdeskBot.Agents.AgentTeam", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("AadGroupId").HasMaxLength(64).HasColumnType("TEXT");
            b.Property<bool>("Authenticated").HasColumnType("INTEGER");
            b.Property<string>("BotId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("ChannelId").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.Property<long>("InstalledAt").HasColumnType("INTEGER");
            b.Property<string>("Name").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<long?>("RemovedAt").HasColumnType("INTEGER");
            b.Property<string>("ServiceUrl").IsRequired().HasMaxLength(512).HasColumnType("TEXT");
            b.Property<string>("TeamId").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("TenantId").HasMaxLength(64).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("TeamId").IsUnique();
            b.ToTable("AgentTeams");
        });

        modelBuilder.Entity("HelpdeskBot.Agents.Handoff", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("AgentId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("ChannelId").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.Property<string>("ConversationId").IsRequired().HasMaxLength(512).HasColumnType("TEXT");
            b.Property<long?>("EndedAt").HasColumnType("INTEGER");
            b.Property<long?>("FlaggedAt").HasColumnType("INTEGER");
            b.Property<long>("RequestedAt").HasColumnType("INTEGER");
            b.Property<string>("RequesterId").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<long?>("StartedAt").HasColumnType("INTEGER");
            b.Property<string>("State").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("TicketNumber").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("TicketNumber").IsUnique();
            b.HasIndex("ChannelId", "ConversationId");
            b.ToTable("Handoffs");
        });

        modelBuilder.Entity("HelpdeskBot.Agents.QueueChannel", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("ChannelId").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("Group").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<long>("SetAt").HasColumnType("INTEGER");
            b.Property<string>("SetBy").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("TeamId").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("Group").IsUnique();
            b.ToTable("QueueChannels");
        });

        modelBuilder.Entity("HelpdeskBot.Agents.QueueThread", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("ActivityId").HasMaxLength(512).HasColumnType("TEXT");
            b.Property<string>("CardHash").HasMaxLength(64).HasColumnType("TEXT");
            b.Property<string>("ChannelId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("ConversationId").HasMaxLength(512).HasColumnType("TEXT");
            b.Property<long>("CreatedAt").HasColumnType("INTEGER");
            b.Property<string>("Group").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<long?>("LeaseUntil").HasColumnType("INTEGER");
            b.Property<long?>("PostedAt").HasColumnType("INTEGER");
            b.Property<string>("State").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("TeamId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("TicketNumber").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("WaitingReason").HasMaxLength(1000).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("ConversationId");
            b.HasIndex("State");
            b.HasIndex("TicketNumber").IsUnique();
            b.ToTable("QueueThreads");
        });

        modelBuilder.Entity("HelpdeskBot.Agents.RelayedActivity", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("ActivityId").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<long>("At").HasColumnType("INTEGER");
            b.Property<string>("ChannelId").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("ChannelId", "ActivityId").IsUnique();
            b.ToTable("RelayedActivities");
        });

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
            b.Property<string>("Roles").IsRequired().HasMaxLength(128).HasColumnType("TEXT");
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

        modelBuilder.Entity("HelpdeskBot.Requests.CardTokenSecret", b =>
        {
            b.Property<string>("Id").HasMaxLength(32).HasColumnType("TEXT");
            b.Property<byte[]>("Key").IsRequired().HasColumnType("BLOB");
            b.HasKey("Id");
            b.ToTable("CardTokenSecrets");
        });

        modelBuilder.Entity("HelpdeskBot.Requests.TicketCard", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("ActivityId").IsRequired().HasMaxLength(512).HasColumnType("TEXT");
            b.Property<string>("ChannelId").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.Property<string>("ConversationId").IsRequired().HasMaxLength(512).HasColumnType("TEXT");
            b.Property<string>("Role").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("TicketNumber").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<long>("UpdatedAt").HasColumnType("INTEGER");
            b.Property<string>("UserId").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("TicketNumber", "Role", "UserId").IsUnique();
            b.ToTable("TicketCards");
        });

        modelBuilder.Entity("HelpdeskBot.Tickets.PendingTicketEvent", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<long>("JournalEntryId").HasColumnType("INTEGER");
            b.Property<long?>("LeaseUntil").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("JournalEntryId");
            b.ToTable("PendingTicketEvents");
        });

        modelBuilder.Entity("HelpdeskBot.Tickets.Ticket", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("Approval").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<long?>("ApprovalDecidedAt").HasColumnType("INTEGER");
            b.Property<string>("ApprovalReason").HasMaxLength(1000).HasColumnType("TEXT");
            b.Property<string>("ApproverId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("AssigneeId").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("AssignmentGroup").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("CatalogItemId").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<long?>("ClosedAt").HasColumnType("INTEGER");
            b.Property<long>("CreatedAt").HasColumnType("INTEGER");
            b.Property<string>("Description").HasMaxLength(8000).HasColumnType("TEXT");
            b.Property<string>("Fields").IsRequired().HasColumnType("TEXT");
            b.Property<long?>("FirstRespondedAt").HasColumnType("INTEGER");
            b.Property<bool>("FirstResponseBreached").HasColumnType("INTEGER");
            b.Property<long?>("FirstResponseDueAt").HasColumnType("INTEGER");
            b.Property<bool>("FirstResponseWarned").HasColumnType("INTEGER");
            b.Property<string>("Impact").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("Kind").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("Number").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<long?>("PausedAt").HasColumnType("INTEGER");
            b.Property<long>("PausedBusinessTime").HasColumnType("INTEGER");
            b.Property<string>("Priority").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<long?>("RatedAt").HasColumnType("INTEGER");
            b.Property<int?>("Rating").HasColumnType("INTEGER");
            b.Property<string>("RatingComment").HasMaxLength(1000).HasColumnType("TEXT");
            b.Property<string>("RequesterId").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<bool>("ResolutionBreached").HasColumnType("INTEGER");
            b.Property<long?>("ResolutionDueAt").HasColumnType("INTEGER");
            b.Property<bool>("ResolutionWarned").HasColumnType("INTEGER");
            b.Property<long?>("ResolvedAt").HasColumnType("INTEGER");
            b.Property<long?>("SlaStartedAt").HasColumnType("INTEGER");
            b.Property<string>("State").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("SubmissionKey").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("SubmissionSource").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("Title").IsRequired().HasMaxLength(200).HasColumnType("TEXT");
            b.Property<string>("Urgency").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<int>("Version").IsConcurrencyToken().HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("Number").IsUnique();
            b.HasIndex("RequesterId");
            b.HasIndex("State");
            b.HasIndex("SubmissionSource", "SubmissionKey").IsUnique();
            b.ToTable("Tickets");
        });

        modelBuilder.Entity("HelpdeskBot.Tickets.TicketJournalEntry", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("Actor").IsRequired().HasMaxLength(256).HasColumnType("TEXT");
            b.Property<long>("At").HasColumnType("INTEGER");
            b.Property<string>("From").HasMaxLength(400).HasColumnType("TEXT");
            b.Property<string>("Kind").IsRequired().HasMaxLength(32).HasColumnType("TEXT");
            b.Property<string>("Text").HasColumnType("TEXT");
            b.Property<int>("TicketId").HasColumnType("INTEGER");
            b.Property<string>("To").HasMaxLength(400).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("TicketId");
            b.ToTable("TicketJournal");
        });

        modelBuilder.Entity("HelpdeskBot.Tickets.TicketSequence", b =>
        {
            b.Property<string>("Prefix").HasMaxLength(8).HasColumnType("TEXT");
            b.Property<long>("Next").HasColumnType("INTEGER");
            b.HasKey("Prefix");
            b.ToTable("TicketSequences");
        });

        modelBuilder.Entity("HelpdeskBot.Tickets.PendingTicketEvent", b =>
        {
            b.HasOne("HelpdeskBot.Tickets.TicketJournalEntry", "JournalEntry")
                .WithMany()
                .HasForeignKey("JournalEntryId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

            b.Navigation("JournalEntry");
        });

        modelBuilder.Entity("HelpdeskBot.Tickets.TicketJournalEntry", b =>
        {
            b.HasOne("HelpdeskBot.Tickets.Ticket", null)
                .WithMany("Journal")
                .HasForeignKey("TicketId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("HelpdeskBot.Tickets.Ticket", b => b.Navigation("Journal"));
    }
}
