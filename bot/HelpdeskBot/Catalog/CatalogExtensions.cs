using Microsoft.Extensions.Options;

namespace HelpdeskBot.Catalog;

public static class CatalogExtensions
{
    /// <summary>The service catalog (loaded and checked at startup: a broken file stops the app), its matcher and validator.</summary>
    public static IHostApplicationBuilder AddServiceCatalog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogFileValidation>();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<CatalogOptions>>().Value.ResolvedPath();
            var catalog = ServiceCatalog.Load(path);
            sp.GetRequiredService<ILogger<ServiceCatalog>>().LogInformation(
                "Service catalog {Path} loaded with {ItemCount} items", path, catalog.Items.Count);
            return catalog;
        });
        services.AddSingleton<CatalogMatcher>();
        services.AddSingleton<IntakeValidator>();
        return builder;
    }

    /// <summary>Startup validation: loads the file, so a broken catalog fails ValidateOnStart with the loader's message.</summary>
    private sealed class CatalogFileValidation : IValidateOptions<CatalogOptions>
    {
        public ValidateOptionsResult Validate(string? name, CatalogOptions options)
        {
            try
            {
                ServiceCatalog.Load(options.ResolvedPath());
                return ValidateOptionsResult.Success;
            }
            catch (CatalogFormatException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
