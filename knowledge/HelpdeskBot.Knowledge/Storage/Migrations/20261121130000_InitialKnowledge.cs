using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpdeskBot.Knowledge.Storage.Migrations;

// Written by hand: the EF design-time package cannot restore from this project's registry. A test checks that the
// snapshot matches the model. The FTS5 tables are SQLite's own and are created here in SQL.
[DbContext(typeof(KnowledgeDbContext))]
[Migration("20261121130000_InitialKnowledge")]
public partial class InitialKnowledge : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Articles",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                LatestVersion = table.Column<int>(type: "INTEGER", nullable: false),
                PublishedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Articles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ArticleVersions",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ArticleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Number = table.Column<int>(type: "INTEGER", nullable: false),
                Title = table.Column<string>(type: "TEXT", nullable: false),
                Tags = table.Column<string>(type: "TEXT", nullable: false),
                Service = table.Column<string>(type: "TEXT", nullable: false),
                Audience = table.Column<string>(type: "TEXT", nullable: true),
                Owner = table.Column<string>(type: "TEXT", nullable: true),
                ReviewBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                Body = table.Column<string>(type: "TEXT", nullable: false),
                ContentHash = table.Column<string>(type: "TEXT", nullable: false),
                Author = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ArticleVersions", x => x.Id);
                table.ForeignKey("FK_ArticleVersions_Articles_ArticleId", x => x.ArticleId, "Articles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_ArticleVersions_ArticleId_Number", "ArticleVersions", ["ArticleId", "Number"], unique: true);

        migrationBuilder.CreateTable(
            name: "Gaps",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Question = table.Column<string>(type: "TEXT", nullable: false),
                NormalizedQuestion = table.Column<string>(type: "TEXT", nullable: false),
                ArticleId = table.Column<string>(type: "TEXT", nullable: true),
                RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Gaps", x => x.Id));

        migrationBuilder.CreateIndex("IX_Gaps_NormalizedQuestion", "Gaps", "NormalizedQuestion");

        migrationBuilder.Sql("""
            CREATE TABLE KnowledgeIndexState (Generation INTEGER NOT NULL);
            INSERT INTO KnowledgeIndexState (Generation) VALUES (0);
            CREATE TABLE KnowledgeSectionContent (
                Id INTEGER PRIMARY KEY, ArticleId TEXT NOT NULL, Ordinal INTEGER NOT NULL,
                Title TEXT NOT NULL, Tags TEXT NOT NULL, Heading TEXT NOT NULL, Body TEXT NOT NULL);
            CREATE INDEX IX_KnowledgeSectionContent_ArticleId ON KnowledgeSectionContent (ArticleId);
            CREATE VIRTUAL TABLE KnowledgeSections USING fts5(Title, Tags, Heading, Body,
                content='KnowledgeSectionContent', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE KnowledgeWords USING fts5(Title, Tags, Heading, Body,
                content='KnowledgeSectionContent', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE KnowledgeWordsVocab USING fts5vocab(KnowledgeWords, 'row');
            CREATE TRIGGER KnowledgeSectionContent_Insert AFTER INSERT ON KnowledgeSectionContent BEGIN
                INSERT INTO KnowledgeSections (rowid, Title, Tags, Heading, Body) VALUES (new.Id, new.Title, new.Tags, new.Heading, new.Body);
                INSERT INTO KnowledgeWords (rowid, Title, Tags, Heading, Body) VALUES (new.Id, new.Title, new.Tags, new.Heading, new.Body);
            END;
            CREATE TRIGGER KnowledgeSectionContent_Delete AFTER DELETE ON KnowledgeSectionContent BEGIN
                INSERT INTO KnowledgeSections (KnowledgeSections, rowid, Title, Tags, Heading, Body) VALUES ('delete', old.Id, old.Title, old.Tags, old.Heading, old.Body);
                INSERT INTO KnowledgeWords (KnowledgeWords, rowid, Title, Tags, Heading, Body) VALUES ('delete', old.Id, old.Title, old.Tags, old.Heading, old.Body);
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE KnowledgeWordsVocab; DROP TABLE KnowledgeWords; DROP TABLE KnowledgeSections;
            DROP TABLE KnowledgeSectionContent; DROP TABLE KnowledgeIndexState;
            """);
        migrationBuilder.DropTable("Gaps");
        migrationBuilder.DropTable("ArticleVersions");
        migrationBuilder.DropTable("Articles");
    }
}
