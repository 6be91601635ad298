using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations): where each ticket's chat cards are, for updates in place.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261121160000_TicketCards")]
public partial class TicketCards : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TicketCards",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                TicketNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                ActivityId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_TicketCards", x => x.Id));

        migrationBuilder.CreateIndex(
            name: "IX_TicketCards_TicketNumber_Role_UserId", table: "TicketCards",
            columns: ["TicketNumber", "Role", "UserId"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "TicketCards");
}
