using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations): the outbox of ticket changes saved but not yet published.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261122100000_PendingTicketEvents")]
public partial class PendingTicketEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PendingTicketEvents",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                JournalEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PendingTicketEvents", x => x.Id);
                table.ForeignKey(
                    name: "FK_PendingTicketEvents_TicketJournal_JournalEntryId",
                    column: x => x.JournalEntryId,
                    principalTable: "TicketJournal",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_PendingTicketEvents_JournalEntryId", table: "PendingTicketEvents", column: "JournalEntryId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "PendingTicketEvents");
}
