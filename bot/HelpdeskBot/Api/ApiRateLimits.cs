using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Api;

/// <summary>
/// Rate limits on the open parts of the REST API (ASP.NET Core's rate limiter). Search is open to anyone and records
/// what it declines as knowledge gaps, so each anonymous client address gets <see cref="ApiOptions.SearchRateLimit"/>
/// searches per window; a request with a configured API key (a portal, another bot) is not limited. Past the limit
/// the answer is 429 with <c>Retry-After</c> and a problem saying when to try again.
/// </summary>
public static class ApiRateLimits
{
    public const string SearchPolicy = "search";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SearchPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var limit = options.SearchRateLimit;
                if (limit.PermitLimit == 0 || ApiKeyAuthenticationHandler.PresentedValidKey(context.Request, options) is not null)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                // Behind a reverse proxy every client shares its address unless forwarded headers are configured.
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = limit.Window,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = RejectedAsync;
        });
        return services;
    }

    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.SearchRateLimit;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many searches",
                Detail = $"This client may search {limit.PermitLimit} times per {limit.Window:g}; try again in {seconds} s, or send an API key.",
            },
        });
    }
}
