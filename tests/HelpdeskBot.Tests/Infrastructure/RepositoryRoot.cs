namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>The repository root (where HelpdeskBot.sln is), found from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HelpdeskBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HelpdeskBot.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
