using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Outages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BroadcastBudgets",
                columns: table => new
                {
                    Tenant = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Window = table.Column<long>(type: "INTEGER", nullable: false),
                    Used = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BroadcastBudgets", x => x.Tenant);
                });

            migrationBuilder.CreateTable(
                name: "OutageAlerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OutageId = table.Column<int>(type: "INTEGER", nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Firing = table.Column<bool>(type: "INTEGER", nullable: false),
                    Seen = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutageAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutageLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutageId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutageLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutageNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutageId = table.Column<int>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    SentRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedMessageSent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutageNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Services = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ScheduledEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    RemindersSent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Deflections = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusCardChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StatusCardServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    StatusCardConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    StatusCardActivityId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subscribed = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Services",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false),
                    Everyone = table.Column<bool>(type: "INTEGER", nullable: false),
                    Departments = table.Column<string>(type: "TEXT", nullable: false),
                    Locations = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Services", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutageUpdates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutageId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutageUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutageUpdates_Outages_OutageId",
                        column: x => x.OutageId,
                        principalTable: "Outages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutageAlerts_OutageId",
                table: "OutageAlerts",
                column: "OutageId");

            migrationBuilder.CreateIndex(
                name: "IX_OutageAlerts_Source_Fingerprint",
                table: "OutageAlerts",
                columns: new[] { "Source", "Fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutageLinks_OutageId_PersonId",
                table: "OutageLinks",
                columns: new[] { "OutageId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutageLinks_TicketNumber",
                table: "OutageLinks",
                column: "TicketNumber");

            migrationBuilder.CreateIndex(
                name: "IX_OutageNotices_OutageId_Recipient",
                table: "OutageNotices",
                columns: new[] { "OutageId", "Recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutageNotices_State_NextAttemptAt",
                table: "OutageNotices",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutageUpdates_OutageId",
                table: "OutageUpdates",
                column: "OutageId");

            migrationBuilder.CreateIndex(
                name: "IX_Outages_Status",
                table: "Outages",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSubscriptions_PersonId",
                table: "ServiceSubscriptions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSubscriptions_ServiceId_PersonId",
                table: "ServiceSubscriptions",
                columns: new[] { "ServiceId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BroadcastBudgets");

            migrationBuilder.DropTable(
                name: "OutageAlerts");

            migrationBuilder.DropTable(
                name: "OutageLinks");

            migrationBuilder.DropTable(
                name: "OutageNotices");

            migrationBuilder.DropTable(
                name: "OutageUpdates");

            migrationBuilder.DropTable(
                name: "ServiceSubscriptions");

            migrationBuilder.DropTable(
                name: "Services");

            migrationBuilder.DropTable(
                name: "Outages");
        }
    }
}
