using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations): a hash of each queue card as last sent, so an unchanged card is not PUT again.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261205170000_QueueCardHashes")]
public partial class QueueCardHashes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "CardHash", table: "QueueThreads", type: "TEXT", maxLength: 64, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "CardHash", table: "QueueThreads");
}
