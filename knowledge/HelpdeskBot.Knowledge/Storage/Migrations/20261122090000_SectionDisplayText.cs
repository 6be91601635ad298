using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Knowledge.Storage.Migrations;

// Written by hand (see InitialKnowledge). The index keeps each section's text as people read it, with list numbers,
// beside the plain text search reads. Rows indexed before this are empty and are filled at start
// (KnowledgeBase.ReindexOutdatedAsync); until then the answer shows the plain text.
[DbContext(typeof(KnowledgeDbContext))]
[Migration("20261122090000_SectionDisplayText")]
public partial class SectionDisplayText : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE KnowledgeSectionContent ADD COLUMN Display TEXT NOT NULL DEFAULT '';");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE KnowledgeSectionContent DROP COLUMN Display;");
}
