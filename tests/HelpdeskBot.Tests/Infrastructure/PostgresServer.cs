using System.Diagnostics;
using Npgsql;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server from Debian's packages (<c>apt-get install postgresql</c>), started once per test run in a
/// temporary folder on a free loopback port, and stopped when the run ends; each test gets a database of its own
/// (<see cref="CreateDatabaseAsync"/>). A machine without the server fails the tests that need it, with what to install.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    public static Task<PostgresServer> SharedAsync() => Instance.Value;

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"helpdesk_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/> (its connections closed first).</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: the tests on PostgreSQL need its server (apt-get install postgresql; .ci/run installs it).");
        var folder = Directory.CreateTempSubdirectory("helpdesk-pg-");
        var data = Path.Combine(folder.FullName, "data");
        // The server refuses to run as root: as root, it runs as the postgres user the Debian package creates.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder.FullName]);
        }

        await RunAsync(Command(asRoot, Path.Combine(bin, "initdb")), [.. Prefix(asRoot, Path.Combine(bin, "initdb")),
            "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
        var port = BotProcess.FreePort();
        // The server runs under a small shell that stops it (fast shutdown) and deletes its folder when its standard
        // input closes: when this process ends, however it ends. The test runner may end its host without the exit
        // handler below, which left a server behind after each run.
        var server = new ProcessStartInfo(Command(asRoot, "sh"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[.. Prefix(asRoot, "sh"), "-c", Watchdog, "watchdog", folder.FullName, Path.Combine(bin, "postgres"),
                     "-D", data, "-p", port.ToString(), "-k", folder.FullName, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                     "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"])
        {
            server.ArgumentList.Add(argument);
        }

        // The server says when it accepts connections (on stderr, its log); the wait is on that line, with a deadline.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = server, EnableRaisingEvents = true };
        DataReceivedEventHandler read = (_, e) =>
        {
            if (e.Data is null) return;
            log.Enqueue(e.Data);
            if (e.Data.Contains("ready to accept connections", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.OutputDataReceived += read;
        process.ErrorDataReceived += read;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"PostgreSQL ended at start: {string.Join('\n', log)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _server = process; // its standard input stays open while this process lives
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.StandardInput.Close(); // the watchdog stops the server and deletes the folder
                process.WaitForExit(10_000);
            }
            catch (Exception)
            {
                // the run is ending: a left-over temporary folder is no failure
            }
        };

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=5";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(); // fails the run plainly if the server does not answer after all
        }

        return new PostgresServer(admin);
    }

    // Runs the server ("$@") and waits for it; a reader of the shell's standard input stops it at end of input (fast
    // shutdown). The input is read on descriptor 3, kept before anything runs in the background: a background job's
    // own standard input is /dev/null, whose end comes at once. The folder goes once the server has.
    private const string Watchdog = """
        folder=$1; shift
        exec 3<&0
        "$@" & server=$!
        { read -r _ <&3; kill -INT "$server"; } >/dev/null 2>&1 &
        wait "$server"; status=$?
        rm -rf "$folder"
        exit $status
        """;

    private static Process? _server;

    private static string Command(bool asRoot, string program) => asRoot ? "runuser" : program;

    private static string[] Prefix(bool asRoot, string program) => asRoot ? ["-u", "postgres", "--", program] : [];

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres"))).OrderDescending().FirstOrDefault()
            : null;
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
