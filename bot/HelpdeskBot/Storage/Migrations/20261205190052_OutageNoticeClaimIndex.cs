using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class OutageNoticeClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutageNotices_OutageId_State_NextAttemptAt",
                table: "OutageNotices",
                columns: new[] { "OutageId", "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutageNotices_OutageId_State_NextAttemptAt",
                table: "OutageNotices");
        }
    }
}
