using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class OutageMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "ResolvedMessageSent",
                table: "OutageNotices",
                newName: "MessagedRevision");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "MessagedRevision",
                table: "OutageNotices",
                newName: "ResolvedMessageSent");
        }
    }
}
