using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Knowledge.Storage.Migrations;

// Written by hand (see InitialKnowledge). Search moved from SQLite FTS5 to a Lucene.Net index in a folder of its own:
// the FTS5 tables, their triggers and the section copies go; a log of changes lets each index catch up (rebuilt from
// the articles at first start, since it is new).
[DbContext(typeof(KnowledgeDbContext))]
[Migration("20261205210000_LuceneIndex")]
public partial class LuceneIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS KnowledgeSectionContent_Insert;
            DROP TRIGGER IF EXISTS KnowledgeSectionContent_Delete;
            DROP TABLE IF EXISTS KnowledgeWordsVocab;
            DROP TABLE IF EXISTS KnowledgeWords;
            DROP TABLE IF EXISTS KnowledgeSections;
            DROP TABLE IF EXISTS KnowledgeSectionContent;
            CREATE TABLE KnowledgeIndexChanges (Generation INTEGER NOT NULL PRIMARY KEY, ArticleId TEXT NOT NULL);
            UPDATE KnowledgeIndexState SET Generation = Generation + 1;
            """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("The FTS5 index is not brought back; restore the database from before the migration.");
}
