using HelpdeskBot.Catalog;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Catalog;

/// <summary>The catalog file the app ships, loaded once per test run (it is immutable).</summary>
public static class ShippedCatalog
{
    private static readonly Lazy<ServiceCatalog> Loaded = new(() => ServiceCatalog.Load(FilePath));

    public static string FilePath => RepositoryRoot.Combine("bot", "HelpdeskBot", "Catalog", "service-catalog.json");

    public static ServiceCatalog Catalog => Loaded.Value;

    public static CatalogItem Item(string id) => Catalog.Find(id) ?? throw new ArgumentException($"No item {id}");
}
