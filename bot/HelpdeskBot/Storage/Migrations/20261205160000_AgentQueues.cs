using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations): people's roles, the teams the bot is installed in, queues set in Teams,
// each ticket's thread in its queue channel, live chats handed to agents, and the activities already relayed.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261205160000_AgentQueues")]
public partial class AgentQueues : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Roles", table: "People", type: "TEXT", maxLength: 128, nullable: false, defaultValue: "");

        migrationBuilder.CreateTable(
            name: "AgentTeams",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                TeamId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                AadGroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                BotId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Authenticated = table.Column<bool>(type: "INTEGER", nullable: false),
                InstalledAt = table.Column<long>(type: "INTEGER", nullable: false),
                RemovedAt = table.Column<long>(type: "INTEGER", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AgentTeams", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_AgentTeams_TeamId", table: "AgentTeams", column: "TeamId", unique: true);

        migrationBuilder.CreateTable(
            name: "QueueChannels",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                TeamId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                ChannelId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                SetBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                SetAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_QueueChannels", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_QueueChannels_Group", table: "QueueChannels", column: "Group", unique: true);

        migrationBuilder.CreateTable(
            name: "QueueThreads",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                TicketNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                WaitingReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                TeamId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ChannelId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                ActivityId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                PostedAt = table.Column<long>(type: "INTEGER", nullable: true),
                LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_QueueThreads", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_QueueThreads_TicketNumber", table: "QueueThreads", column: "TicketNumber", unique: true);
        migrationBuilder.CreateIndex(name: "IX_QueueThreads_ConversationId", table: "QueueThreads", column: "ConversationId");
        migrationBuilder.CreateIndex(name: "IX_QueueThreads_State", table: "QueueThreads", column: "State");

        migrationBuilder.CreateTable(
            name: "Handoffs",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                TicketNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                RequesterId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                AgentId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                FlaggedAt = table.Column<long>(type: "INTEGER", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Handoffs", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Handoffs_TicketNumber", table: "Handoffs", column: "TicketNumber", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Handoffs_ChannelId_ConversationId", table: "Handoffs", columns: ["ChannelId", "ConversationId"]);

        migrationBuilder.CreateTable(
            name: "RelayedActivities",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                ActivityId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RelayedActivities", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_RelayedActivities_ChannelId_ActivityId", table: "RelayedActivities", columns: ["ChannelId", "ActivityId"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "RelayedActivities");
        migrationBuilder.DropTable(name: "Handoffs");
        migrationBuilder.DropTable(name: "QueueThreads");
        migrationBuilder.DropTable(name: "QueueChannels");
        migrationBuilder.DropTable(name: "AgentTeams");
        migrationBuilder.DropColumn(name: "Roles", table: "People");
    }
}
