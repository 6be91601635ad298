namespace HelpdeskBot.Benchmarks;

/// <summary>The few command-line options the benchmarks take.</summary>
public static class Arguments
{
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        return at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive number.");
    }

    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return null;
        return at + 1 < args.Length && !args[at + 1].StartsWith('-') ? args[at + 1] : throw new ArgumentException($"{name} needs a value.");
    }

    /// <summary>The folder holding HelpdeskBot.sln, above the current folder or the program's own.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HelpdeskBot.sln"))) return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark inside the repository: HelpdeskBot.sln not found.");
    }
}
