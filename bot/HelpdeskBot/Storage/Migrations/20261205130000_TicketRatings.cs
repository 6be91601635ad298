using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Storage.Migrations;

// Written by hand (see InitialConversations): the requester's satisfaction rating of a resolved ticket.
[DbContext(typeof(HelpdeskDbContext))]
[Migration("20261205130000_TicketRatings")]
public partial class TicketRatings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Rating", table: "Tickets", type: "INTEGER", nullable: true);
        migrationBuilder.AddColumn<string>(name: "RatingComment", table: "Tickets", type: "TEXT", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<long>(name: "RatedAt", table: "Tickets", type: "INTEGER", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "RatedAt", table: "Tickets");
        migrationBuilder.DropColumn(name: "RatingComment", table: "Tickets");
        migrationBuilder.DropColumn(name: "Rating", table: "Tickets");
    }
}
