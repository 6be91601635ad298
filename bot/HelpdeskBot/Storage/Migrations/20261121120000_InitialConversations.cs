using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand: the EF design-time package (dotnet ef) cannot restore from this project's registry.
// MigrationsTests.ModelHasNoPendingChanges checks that the snapshot matches the model.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261121120000_InitialConversations")]
public partial class InitialConversations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Conversations",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                ConversationType = table.Column<string>(type: "TEXT", nullable: true),
                IsGroup = table.Column<bool>(type: "INTEGER", nullable: true),
                TenantId = table.Column<string>(type: "TEXT", nullable: true),
                ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                BotId = table.Column<string>(type: "TEXT", nullable: true),
                BotName = table.Column<string>(type: "TEXT", nullable: true),
                UserId = table.Column<string>(type: "TEXT", nullable: true),
                UserName = table.Column<string>(type: "TEXT", nullable: true),
                UserAadObjectId = table.Column<string>(type: "TEXT", nullable: true),
                Locale = table.Column<string>(type: "TEXT", nullable: true),
                Authenticated = table.Column<bool>(type: "INTEGER", nullable: false),
                LastActivityAt = table.Column<long>(type: "INTEGER", nullable: false),
                WelcomedAt = table.Column<long>(type: "INTEGER", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Conversations", x => x.Id));

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_ChannelId_ConversationId",
            table: "Conversations",
            columns: ["ChannelId", "ConversationId"],
            unique: true);

        migrationBuilder.CreateIndex(name: "IX_Conversations_UserId", table: "Conversations", column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "Conversations");
}
