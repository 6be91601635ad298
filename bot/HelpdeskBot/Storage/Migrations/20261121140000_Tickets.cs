using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations). Enums are stored as their names, DateTimeOffset as a binary number,
// PausedBusinessTime as ticks. The journal is append-only: triggers refuse UPDATE and DELETE on it.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261121140000_Tickets")]
public partial class Tickets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Tickets",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                CatalogItemId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                Fields = table.Column<string>(type: "TEXT", nullable: false),
                RequesterId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Impact = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                AssignmentGroup = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                AssigneeId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Approval = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                ApproverId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ApprovalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                ApprovalDecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                FirstRespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                SubmissionKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
                SlaStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                FirstResponseDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                ResolutionDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                PausedAt = table.Column<long>(type: "INTEGER", nullable: true),
                PausedBusinessTime = table.Column<long>(type: "INTEGER", nullable: false),
                FirstResponseWarned = table.Column<bool>(type: "INTEGER", nullable: false),
                FirstResponseBreached = table.Column<bool>(type: "INTEGER", nullable: false),
                ResolutionWarned = table.Column<bool>(type: "INTEGER", nullable: false),
                ResolutionBreached = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Tickets", x => x.Id));

        migrationBuilder.CreateTable(
            name: "TicketJournal",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                From = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                To = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                Text = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TicketJournal", x => x.Id);
                table.ForeignKey(
                    name: "FK_TicketJournal_Tickets_TicketId",
                    column: x => x.TicketId,
                    principalTable: "Tickets",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TicketSequences",
            columns: table => new
            {
                Prefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                Next = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_TicketSequences", x => x.Prefix));

        migrationBuilder.CreateIndex(name: "IX_Tickets_Number", table: "Tickets", column: "Number", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Tickets_SubmissionKey", table: "Tickets", column: "SubmissionKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Tickets_RequesterId", table: "Tickets", column: "RequesterId");
        migrationBuilder.CreateIndex(name: "IX_Tickets_State", table: "Tickets", column: "State");
        migrationBuilder.CreateIndex(name: "IX_TicketJournal_TicketId", table: "TicketJournal", column: "TicketId");

        migrationBuilder.Sql("""
            CREATE TRIGGER "TicketJournal_NoUpdate" BEFORE UPDATE ON "TicketJournal"
            BEGIN SELECT RAISE(ABORT, 'The ticket journal is append-only: entries cannot be changed.'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "TicketJournal_NoDelete" BEFORE DELETE ON "TicketJournal"
            BEGIN SELECT RAISE(ABORT, 'The ticket journal is append-only: entries cannot be deleted.'); END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "TicketJournal");
        migrationBuilder.DropTable(name: "TicketSequences");
        migrationBuilder.DropTable(name: "Tickets");
    }
}
