using System.Data.Common;
using HelpdeskBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpdeskBot.Tests.Outages;

/// <summary>
/// Many recipients written fast, straight into the tables with SQL in batches (one transaction and one prepared
/// statement per table per batch): person <c>i</c> (1 to N) is a <c>People</c> row with Teams id <c>29:user-i</c>, and
/// their 1:1 chat a <c>Conversations</c> row (<c>a:1on1-user-i</c>, personal, msteams, tenant <c>tenant-1</c>) on
/// the given service URL, as if each had talked to the bot once.
/// </summary>
public static class BroadcastAudience
{
    public const string Tenant = "tenant-1";

    private const int Batch = 5_000;

    public static string TeamsId(int i) => $"29:user-{i}";

    public static string ConversationId(int i) => $"a:1on1-user-{i}";

    /// <summary>The 1:1 conversation ids of recipients 1 to <paramref name="count"/>.</summary>
    public static IEnumerable<string> Conversations(int count) => Enumerable.Range(1, count).Select(ConversationId);

    /// <summary>Into the bot's SQLite file (the bot may be running: WAL, and SQLite's busy timeout waits for its writes).</summary>
    public static async Task SeedAsync(string databasePath, int count, string serviceUrl)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await SeedAsync(connection, count, serviceUrl);
    }

    /// <summary>Through the in-memory host's context (its connection, not its change tracker).</summary>
    public static async Task SeedAsync(HelpdeskDbContext db, int count, string serviceUrl)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await SeedAsync(db.Database.GetDbConnection(), count, serviceUrl);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The same SQL on SQLite and PostgreSQL: @ parameters, booleans as parameters, each given a value before it is
    // prepared (PostgreSQL takes a parameter's type from its value).
    private static async Task SeedAsync(DbConnection connection, int count, string serviceUrl)
    {
        // DateTimeOffset columns hold the model's DateTimeOffsetToBinaryConverter value.
        var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        for (var start = 1; start <= count; start += Batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var person = Command(connection, transaction,
                """
                INSERT INTO "People" ("TeamsId", "AadObjectId", "Name", "Email", "Department", "Location", "ManagerEmail", "ManagerId", "Roles", "UpdatedAt", "Source")
                VALUES (@teamsId, NULL, @name, @email, NULL, NULL, NULL, NULL, '', @now, 'csv')
                """, ("@teamsId", ""), ("@name", ""), ("@email", ""), ("@now", now));
            await using var chat = Command(connection, transaction,
                """
                INSERT INTO "Conversations" ("ChannelId", "ConversationId", "ConversationType", "IsGroup", "TenantId", "ServiceUrl", "BotId", "BotName",
                    "UserId", "UserName", "UserAadObjectId", "Locale", "Authenticated", "LastActivityAt", "WelcomedAt")
                VALUES ('msteams', @conversationId, 'personal', @no, @tenant, @serviceUrl, '28:helpdesk-bot', 'Helpdesk',
                    @teamsId, @name, NULL, 'en-US', @no, @now, @now)
                """, ("@conversationId", ""), ("@no", false), ("@tenant", Tenant), ("@serviceUrl", serviceUrl), ("@teamsId", ""), ("@name", ""), ("@now", now));
            for (var i = start; i < start + Batch && i <= count; i++)
            {
                var (teamsId, name) = (TeamsId(i), $"User {i}");
                (person.Parameters["@teamsId"].Value, person.Parameters["@name"].Value, person.Parameters["@email"].Value) = (teamsId, name, $"user-{i}@contoso.example");
                (chat.Parameters["@conversationId"].Value, chat.Parameters["@teamsId"].Value, chat.Parameters["@name"].Value) = (ConversationId(i), teamsId, name);
                await person.ExecuteNonQueryAsync();
                await chat.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }
}
