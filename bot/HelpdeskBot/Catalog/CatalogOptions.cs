using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Catalog;

/// <summary>The service catalog's settings (section <c>Catalog</c>).</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>The catalog file, relative to the repository root (or, outside a checkout, to the app's folder).</summary>
    [Required]
    public string Path { get; set; } = "bot/HelpdeskBot/Catalog/service-catalog.json";

    /// <summary>The file to read: resolved like the articles folder; the copy next to the app when not in a checkout.</summary>
    public string ResolvedPath()
    {
        var resolved = RepositoryConfiguration.ResolvePath(Path);
        if (File.Exists(resolved) || System.IO.Path.IsPathRooted(Path))
        {
            return resolved;
        }

        var besideApp = System.IO.Path.Combine(AppContext.BaseDirectory, "Catalog", System.IO.Path.GetFileName(Path));
        return File.Exists(besideApp) ? besideApp : resolved;
    }
}
