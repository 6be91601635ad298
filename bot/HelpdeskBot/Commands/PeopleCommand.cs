using System.CommandLine;
using System.Text;
using HelpdeskBot.People;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Commands;

/// <summary><c>people import &lt;file.csv&gt;</c> adds and updates people from a CSV file (see <see cref="PeopleCsv"/>).</summary>
public static class PeopleCommand
{
    public const string Name = "people";

    /// <summary>Exit codes of <c>people import</c>.</summary>
    public const int Imported = 0, NoFile = 1, SomeLinesHadErrors = 2;

    public static Command Create(IServiceProvider services)
    {
        var file = new Argument<string>("file") { Description = "The CSV file: a header row (name,email,department,location,manager_email[,aad_object_id,teams_id]), then one person per line." };
        var import = new Command("import", "Add and update people from a CSV file, matched by email or Entra object id; people not in the file are left alone.")
        {
            file,
        };
        import.SetAction((result, ct) => ImportAsync(services, result.GetRequiredValue(file), result.InvocationConfiguration, ct));
        return new Command(Name, "The people directory.") { import };
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string file, InvocationConfiguration console, CancellationToken ct)
    {
        var path = File.Exists(file) ? Path.GetFullPath(file) : RepositoryConfiguration.ResolvePath(file);
        if (!File.Exists(path))
        {
            await console.Error.WriteLineAsync($"No file '{path}' to import.");
            return NoFile;
        }

        var limit = services.GetRequiredService<IOptions<PeopleOptions>>().Value.MaxImportBytes;
        if (new FileInfo(path).Length > limit)
        {
            await console.Error.WriteLineAsync($"'{path}' is {new FileInfo(path).Length:N0} bytes; the limit is {limit:N0} (People:MaxImportBytes).");
            return SomeLinesHadErrors;
        }

        await using var scope = await CommandLineExtensions.PrepareAsync(services, ct);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var parsed = PeopleCsv.Parse(reader);
        var report = await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(parsed.Records, PersonSource.Csv, ct);
        var errors = parsed.Errors.Concat(report.Errors).OrderBy(e => e.Line).ToList();
        await console.Output.WriteLineAsync($"Imported {path}: {report with { Errors = errors }}");
        foreach (var error in errors)
        {
            await console.Error.WriteLineAsync($"  error: {error}");
        }

        return errors.Count == 0 ? Imported : SomeLinesHadErrors;
    }
}
