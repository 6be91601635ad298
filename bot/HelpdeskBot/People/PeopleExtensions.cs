using HelpdeskBot.Protocol.Builder;

namespace HelpdeskBot.People;

public static class PeopleExtensions
{
    /// <summary>The people directory, filled from every inbound activity (a bot middleware), imports and the API.</summary>
    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecentPeopleWrites>();
        services.AddScoped<PeopleDirectory>();
        services.AddSingleton<IBotMiddleware, PeopleMiddleware>();
        services.AddHostedService<DevelopmentPeopleImport>();
        return builder;
    }
}
