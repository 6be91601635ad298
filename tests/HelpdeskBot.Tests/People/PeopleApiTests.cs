using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpdeskBot.People;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.People;

/// <summary>/api/people over HTTP with three keys: a people admin, a knowledge author, and none at all.</summary>
public sealed class PeopleApiTests : IAsyncLifetime
{
    private const string AdminKey = "people-admin-key-0123456789";
    private const string AuthorKey = "kb-author-key-0123456789ab";

    private readonly HelpdeskBotFactory _bot = new(new Dictionary<string, string?>
    {
        ["Api:Keys:0:Name"] = "hr-sync",
        ["Api:Keys:0:Key"] = AdminKey,
        ["Api:Keys:0:Roles:0"] = "people-admin",
        ["Api:Keys:1:Name"] = "docs-ci",
        ["Api:Keys:1:Key"] = AuthorKey,
        ["Api:Keys:1:Roles:0"] = "kb-author",
    });

    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _bot.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, string? key = AdminKey)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PutAsync(object person, string? key = AdminKey) =>
        SendAsync(HttpMethod.Put, "/api/people", JsonContent.Create(person), key);

    private Task<HttpResponseMessage> ImportAsync(string csv, string mediaType = "text/csv") =>
        SendAsync(HttpMethod.Post, "/api/people/import", new StringContent(csv, Encoding.UTF8, mediaType));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory]
    [InlineData("GET", "/api/people")]
    [InlineData("GET", "/api/people/1")]
    [InlineData("PUT", "/api/people")]
    [InlineData("POST", "/api/people/import")]
    public async Task WithoutAKeyIs401AndWithAKeyLackingThePeopleAdminRoleIs403(string method, string url)
    {
        var content = () => method == "GET" ? null
            : url.EndsWith("/import", StringComparison.Ordinal) ? new StringContent("name,email\n", Encoding.UTF8, "text/csv")
            : new StringContent("{}", Encoding.UTF8, "application/json");

        var anonymous = await SendAsync(new HttpMethod(method), url, content(), key: null);
        var author = await SendAsync(new HttpMethod(method), url, content(), key: AuthorKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, author.StatusCode);
        Assert.Equal("application/problem+json", author.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APersonPutByEmailIsCreatedThenUpdatedThenUnchangedAndCanBeReadBack()
    {
        var created = await PutAsync(new { email = "Ann@Contoso.example", name = "Ann", department = "IT", location = "Seattle" });
        var updated = await PutAsync(new { email = "ann@contoso.example", location = "Dublin" });
        var unchanged = await PutAsync(new { email = "ann@contoso.example", location = "Dublin" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("person").GetProperty("id").GetInt32();
        Assert.Equal($"/api/people/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("updated", (await JsonAsync(updated)).GetProperty("outcome").GetString());
        Assert.Equal("unchanged", (await JsonAsync(unchanged)).GetProperty("outcome").GetString());
        var person = await (await SendAsync(HttpMethod.Get, $"/api/people/{id}")).Content.ReadFromJsonAsync<PersonView>();
        Assert.Equal(("ann@contoso.example", "Ann", "IT", "Dublin", "api"), (person!.Email, person.Name, person.Department, person.Location, person.Source));
    }

    [Fact]
    public async Task ABadPersonOrAnUnknownIdIsAProblem()
    {
        var bad = await PutAsync(new { email = "not an email", name = "X" });
        var missing = await SendAsync(HttpMethod.Get, "/api/people/999");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not an email address", (await JsonAsync(bad)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APersonWithANulCharacterInAFieldIsRefusedNotCut()
    {
        var bad = await PutAsync(new { email = "ann@contoso.example", name = "Ann\u0000 HIDDEN-TAIL", department = "IT" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("NUL character", (await JsonAsync(bad)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/people")).StatusCode);
    }

    [Fact]
    public async Task ACsvImportReportsItsCountsAndBadLinesAndTheListFiltersAndPages()
    {
        var response = await ImportAsync(await File.ReadAllTextAsync(RepositoryRoot.Combine("bot", "HelpdeskBot", "People", "sample-people.csv")));
        var report = await response.Content.ReadFromJsonAsync<PeopleImportReport>();
        var withErrors = await (await ImportAsync("name,email\nAnn,ann@contoso.example\nBob,bob\n")).Content.ReadFromJsonAsync<PeopleImportReport>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((12, 0, 0, 0), (report!.Added, report.Updated, report.Unchanged, report.Errors.Count));
        Assert.Equal((1, 0), (withErrors!.Added, withErrors.Errors.Count - 1));
        Assert.Equal(new PeopleImportError(3, "'bob' is not an email address"), withErrors.Errors[0]);

        var finance = await (await SendAsync(HttpMethod.Get, "/api/people?department=finance&pageSize=2&page=2")).Content.ReadFromJsonAsync<PeoplePage>();
        Assert.Equal((3, 2, 2), (finance!.Total, finance.Page, finance.PageSize));
        Assert.Equal(["Charles Babbage"], finance.Items.Select(p => p.Name)); // Ada, Alan | Charles
        var search = await (await SendAsync(HttpMethod.Get, "/api/people?q=O'BRIEN")).Content.ReadFromJsonAsync<PeoplePage>();
        var siobhan = Assert.Single(search!.Items);
        var tim = (await (await SendAsync(HttpMethod.Get, "/api/people?q=berners")).Content.ReadFromJsonAsync<PeoplePage>())!.Items.Single();
        Assert.Equal(siobhan.Id, tim.ManagerId);
        var percent = await (await SendAsync(HttpMethod.Get, "/api/people?q=%25")).Content.ReadFromJsonAsync<PeoplePage>();
        Assert.Equal(0, percent!.Total); // a wildcard typed is looked for, not used
    }

    [Fact]
    public async Task AnImportThatIsNotCsvOrHasAnUnusableHeaderIsRefusedWhole()
    {
        var json = await ImportAsync("{}", "application/json");
        var header = await ImportAsync("who,email\nAnn,ann@contoso.example\n");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Contains("line 1: unknown column 'who'", (await JsonAsync(header)).GetProperty("detail").GetString());
        Assert.Equal(0, (await (await SendAsync(HttpMethod.Get, "/api/people")).Content.ReadFromJsonAsync<PeoplePage>())!.Total);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesThePeopleEndpoints()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/people\"", document);
        Assert.Contains("\"/api/people/{id}\"", document);
        Assert.Contains("\"/api/people/import\"", document);
        Assert.Contains("text/csv", document);
    }
}
