using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tests.People;

/// <summary>`people import`, run as the built app in its own process, as a newcomer or an HR sync job would.</summary>
public sealed class PeopleCommandTests : IDisposable
{
    private static readonly string Sample = RepositoryRoot.Combine("bot", "HelpdeskBot", "People", "sample-people.csv");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("people-command-");

    public void Dispose() => _work.Delete(recursive: true);

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => BotProcess.RunAsync(_work.FullName, arguments);

    private HelpdeskDbContext OpenDatabase() => new(new DbContextOptionsBuilder<HelpdeskDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_work.FullName, "helpdesk.db")};Pooling=False").Options);

    [Fact]
    public async Task ImportingTheSampleTwiceAddsEveryoneWithTheirManagersThenChangesNothing()
    {
        var first = await RunAsync("people", "import", Sample);
        var second = await RunAsync("people", "import", Sample);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("12 added, 0 updated, 0 unchanged, 0 with errors", first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("0 added, 0 updated, 12 unchanged, 0 with errors", second.Output);
        await using var db = OpenDatabase();
        Assert.Equal(11, await db.People.CountAsync(p => p.ManagerId != null)); // all but the CEO
    }

    [Fact]
    public async Task BadLinesGiveExitCode2EachNamedWithItsLineAndTheRestIsImported()
    {
        var file = Path.Combine(_work.FullName, "people.csv");
        await File.WriteAllTextAsync(file,
            "name,email,department,location,manager_email\n" +
            "Ann,ann@contoso.example,IT,Seattle,\n" +
            "No Email,,IT,Seattle,\n" +
            "Bad,bad-email,IT,Seattle,\n" +
            "Ann Again,ANN@contoso.example,IT,Seattle,\n" +
            $"\"{new string('x', 100 * 1024)}\",long@contoso.example,IT,Seattle,\n");

        var (exitCode, output) = await RunAsync("people", "import", file);

        Assert.True(exitCode == 2, output);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 4 with errors", output);
        Assert.Contains("error: line 3: the email is missing", output);
        Assert.Contains("error: line 4: 'bad-email' is not an email address", output);
        Assert.Contains("error: line 5: the email ann@contoso.example is also on line 2", output);
        Assert.Contains("error: line 6: name is 102,400 characters; the limit is 256", output);
    }

    [Fact]
    public async Task AFileThatDoesNotExistGivesExitCode1()
    {
        var (exitCode, output) = await RunAsync("people", "import", Path.Combine(_work.FullName, "missing.csv"));

        Assert.True(exitCode == 1, output);
        Assert.Contains("No file", output);
    }
}
