using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations): the people directory.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261121150000_People")]
public partial class People : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "People",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                TeamsId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                AadObjectId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                Department = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                Location = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                ManagerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                ManagerId = table.Column<int>(type: "INTEGER", nullable: true),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_People", x => x.Id);
                table.ForeignKey(
                    name: "FK_People_People_ManagerId",
                    column: x => x.ManagerId,
                    principalTable: "People",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex(name: "IX_People_AadObjectId", table: "People", column: "AadObjectId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_People_Department", table: "People", column: "Department");
        migrationBuilder.CreateIndex(name: "IX_People_Email", table: "People", column: "Email", unique: true);
        migrationBuilder.CreateIndex(name: "IX_People_ManagerId", table: "People", column: "ManagerId");
        migrationBuilder.CreateIndex(name: "IX_People_TeamsId", table: "People", column: "TeamsId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "People");
}
