namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// The providers a storage-dependent test class runs on: each such class is abstract over the provider, with one
/// sealed class per provider (<c>OutageTests</c> on SQLite, <c>OutageTestsOnPostgreSQL</c> on a PostgreSQL database of
/// its own, see <see cref="PostgresServer"/>).
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSQL = "PostgreSQL";
}
