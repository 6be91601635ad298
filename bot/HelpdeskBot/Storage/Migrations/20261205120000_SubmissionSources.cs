using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations): a ticket's submission key is unique per source (chat or API), so a chat
// token can never take an API client's Idempotency-Key; and the key that signs the chat's card tokens.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261205120000_SubmissionSources")]
public partial class SubmissionSources : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "SubmissionSource", table: "Tickets", type: "TEXT", maxLength: 16, nullable: false, defaultValue: "Chat");
        // The API's keys always began "api:"; the chat's were 32 hex digits.
        migrationBuilder.Sql("""UPDATE "Tickets" SET "SubmissionSource" = 'Api' WHERE "SubmissionKey" LIKE 'api:%'""");
        migrationBuilder.DropIndex(name: "IX_Tickets_SubmissionKey", table: "Tickets");
        migrationBuilder.CreateIndex(
            name: "IX_Tickets_SubmissionSource_SubmissionKey", table: "Tickets",
            columns: ["SubmissionSource", "SubmissionKey"], unique: true);

        migrationBuilder.CreateTable(
            name: "CardTokenSecrets",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                Key = table.Column<byte[]>(type: "BLOB", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CardTokenSecrets", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CardTokenSecrets");
        migrationBuilder.DropIndex(name: "IX_Tickets_SubmissionSource_SubmissionKey", table: "Tickets");
        migrationBuilder.DropColumn(name: "SubmissionSource", table: "Tickets");
        migrationBuilder.CreateIndex(name: "IX_Tickets_SubmissionKey", table: "Tickets", column: "SubmissionKey", unique: true);
    }
}
