using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpdeskBot.Catalog;

/// <summary>The service catalog loaded from its JSON file and checked (<see cref="CatalogValidation"/>).</summary>
public sealed class ServiceCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true, // "fields": null is an error, not a crash later
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, // a misspelt property is an error, not ignored
    };

    public const string OtherRequestId = "other-request";

    public ServiceCatalog(IReadOnlyList<CatalogItem> items) => Items = items;

    public IReadOnlyList<CatalogItem> Items { get; }

    public CatalogItem? Find(string? id) => id is null ? null : Items.FirstOrDefault(i => i.Id == id);

    /// <summary>The "other request" item offered when nothing fits, if the catalog has one.</summary>
    public CatalogItem? Other => Find(OtherRequestId);

    public static ServiceCatalog Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogFormatException($"Service catalog {path}: cannot be read ({e.Message})", e);
        }

        return Parse(json, path);
    }

    public static ServiceCatalog Parse(string json, string source)
    {
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new CatalogFormatException($"Service catalog {source}: not valid catalog JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}", e);
        }

        var items = file?.Items ?? [];
        var errors = CatalogValidation.Check(items);
        if (errors.Count > 0)
        {
            throw new CatalogFormatException($"Service catalog {source} has {errors.Count} error(s):{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors));
        }

        return new ServiceCatalog(items);
    }

    private sealed class CatalogFile
    {
        public List<CatalogItem>? Items { get; init; }
    }
}
