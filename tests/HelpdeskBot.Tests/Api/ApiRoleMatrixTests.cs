using System.Net;
using System.Text;
using HelpdeskBot.Api;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Api;

/// <summary>
/// Every HTTP endpoint the app maps (read from its own endpoint list, so a new one cannot escape) × no key, a wrong
/// key and a key for each role, with and without a bot app id: 401 without a valid key, 403 with a key lacking the
/// role the endpoint's policy requires, and anything but 401/403 otherwise.
/// </summary>
public sealed class ApiRoleMatrixTests(ApiRoleMatrixTests.Apps apps) : IClassFixture<ApiRoleMatrixTests.Apps>
{
    private const string NoKey = "no key", WrongKey = "wrong key", WithAppId = "app id", WithoutAppId = "no app id";

    public static TheoryData<string, string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string, string>();
        using var app = Apps.Create(appId: false);
        foreach (var (method, route) in Apps.Endpoints(app).Select(e => Apps.Describe(e)))
        {
            foreach (var mode in new[] { WithoutAppId, WithAppId })
            {
                foreach (var credential in new[] { NoKey, WrongKey }.Concat(ApiRoles.All))
                {
                    data.Add(mode, method, route, credential);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachEndpointAnswersEachCredentialAsItsPolicySays(string mode, string method, string route, string credential)
    {
        var app = mode == WithAppId ? apps.WithAppId : apps.WithoutAppId;
        var allowed = await apps.AllowedRolesAsync(app, method, route);
        var accepts = Apps.Find(app, method, route).Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault();
        var request = new HttpRequestMessage(new HttpMethod(method), Apps.Url(route))
        {
            Content = method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, accepts ?? "application/json") : null,
        };
        if (credential != NoKey)
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, credential == WrongKey ? "not-a-configured-key-0123456789" : Apps.KeyFor(credential));
        }

        var status = (await app.CreateClient().SendAsync(request)).StatusCode;

        if (allowed is null || allowed.Contains(credential))
        {
            Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {route} as {credential}: {status}");
        }
        else
        {
            Assert.Equal(credential is NoKey or WrongKey ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, status);
        }
    }

    [Fact]
    public void EveryApiEndpointIsBehindAPolicyExceptTheOpenSearchAndReads()
    {
        var open = Apps.Endpoints(apps.WithoutAppId)
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => Apps.Describe(e) is var (method, route) ? $"{method} {route}" : "")
            .Where(e => e.Contains("/api/", StringComparison.Ordinal))
            .Order();

        Assert.Equal(["GET /api/kb/articles/{id}", "GET /api/kb/search", "GET /api/kb/status", "POST /api/kb/search"], open);
    }

    /// <summary>The app twice, each with a key per role: without a bot app id and with one.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        public HelpdeskBotFactory WithoutAppId { get; } = Create(appId: false);
        public HelpdeskBotFactory WithAppId { get; } = Create(appId: true);

        public static string KeyFor(string role) => $"{role}-key-0123456789abcdef";

        public static HelpdeskBotFactory Create(bool appId)
        {
            var settings = new Dictionary<string, string?>();
            for (var i = 0; i < ApiRoles.All.Count; i++)
            {
                settings[$"Api:Keys:{i}:Name"] = ApiRoles.All[i];
                settings[$"Api:Keys:{i}:Key"] = KeyFor(ApiRoles.All[i]);
                settings[$"Api:Keys:{i}:Roles:0"] = ApiRoles.All[i];
            }

            if (appId)
            {
                settings["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001";
                settings["MicrosoftAppPassword"] = "secret";
            }

            return new HelpdeskBotFactory(settings);
        }

        /// <summary>The app's HTTP endpoints but the Bot Framework's messaging endpoint, which has its own authentication.</summary>
        public static IEnumerable<RouteEndpoint> Endpoints(HelpdeskBotFactory app) =>
            app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText != "/api/messages");

        public static (string Method, string Route) Describe(RouteEndpoint endpoint) =>
            (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET", "/" + endpoint.RoutePattern.RawText!.TrimStart('/'));

        public static string Url(string route) => route
            .Replace("{id:int}", "1", StringComparison.Ordinal).Replace("{id}", "some-article", StringComparison.Ordinal)
            .Replace("{number}", "REQ0001001", StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal);

        public static RouteEndpoint Find(HelpdeskBotFactory app, string method, string route) =>
            Endpoints(app).Single(e => Describe(e) == (method, route));

        /// <summary>The roles the endpoint's policies let in; null when it has none (open to anyone).</summary>
        public async Task<IReadOnlyList<string>?> AllowedRolesAsync(HelpdeskBotFactory app, string method, string route)
        {
            var endpoint = Find(app, method, route);
            var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
            List<string>? allowed = null;
            foreach (var name in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>())
            {
                var roles = (await policies.GetPolicyAsync(name))!.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles);
                allowed = allowed is null ? [.. roles] : [.. allowed.Intersect(roles)];
            }

            return allowed;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            await WithoutAppId.DisposeAsync();
            await WithAppId.DisposeAsync();
        }
    }
}
