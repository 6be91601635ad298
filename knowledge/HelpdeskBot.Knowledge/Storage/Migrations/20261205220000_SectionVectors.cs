using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Knowledge.Storage.Migrations;

// Written by hand (see InitialKnowledge). The sentence model's vector of each section text, by the model and the text's
// hash, so that nothing is embedded twice (an unchanged section of a new version, another instance): one signed byte
// per dimension and the scale that restores it.
[DbContext(typeof(KnowledgeDbContext))]
[Migration("20261205220000_SectionVectors")]
public partial class SectionVectors : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE TABLE KnowledgeSectionVectors (
                Model TEXT NOT NULL, ContentHash TEXT NOT NULL, Scale REAL NOT NULL, Vector BLOB NOT NULL,
                PRIMARY KEY (Model, ContentHash));
            """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE KnowledgeSectionVectors;");
}
