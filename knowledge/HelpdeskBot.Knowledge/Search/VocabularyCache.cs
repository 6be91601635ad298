using System.Data.Common;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// The vocabulary of the index, reloaded when the index generation (bumped by every publish and retire, by any
/// instance sharing the database) has moved on.
/// </summary>
public sealed class VocabularyCache
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Vocabulary _current = new(-1, 0, []);

    /// <summary>The vocabulary last loaded (for tests: whether a reload is due).</summary>
    internal Vocabulary Current => _current;

    public async Task<Vocabulary> GetAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var generation = await ScalarAsync(connection, "SELECT Generation FROM KnowledgeIndexState", cancellationToken);
        if (_current.Generation == generation)
        {
            return _current;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_current.Generation != generation)
            {
                _current = await LoadAsync(connection, generation, cancellationToken);
            }

            return _current;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static async Task<Vocabulary> LoadAsync(DbConnection connection, long generation, CancellationToken cancellationToken)
    {
        var sections = await ScalarAsync(connection, "SELECT count(*) FROM KnowledgeSectionContent", cancellationToken);
        var words = new List<(string, int)>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT term, doc FROM KnowledgeWordsVocab";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            words.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return new Vocabulary(generation, (int)sections, words);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }
}
