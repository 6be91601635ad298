using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Tests.People;

/// <summary>The directory over a real SQLite file: people from chat, from imports, one row each, and their managers.</summary>
public sealed class PeopleDirectoryTests : IAsyncLifetime
{
    private PeopleDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PeopleDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ChannelAccount From(string id, string? name, string? aad = null) => new(id, name) { AadObjectId = aad };

    private Task ChatAsync(string id, string? name, string? aad = null, ChatIdentityTrust trust = ChatIdentityTrust.Vouched) =>
        _db.Directory().UpsertFromActivityAsync(From(id, name, aad), trust, default);

    private Task<PeopleImportReport> ImportAsync(params PersonRecord[] records) =>
        _db.Directory().ImportAsync([.. records.Select((r, i) => (i + 2, r))], PersonSource.Csv, default);

    [Fact]
    public async Task ThePersonBehindAFirstActivityIsAdded()
    {
        await ChatAsync("29:ada", "Ada Lovelace", "aad-ada");

        var person = Assert.Single(await _db.AllAsync());
        Assert.Equal(("29:ada", "aad-ada", "Ada Lovelace", PersonSource.Activity), (person.TeamsId, person.AadObjectId, person.Name, person.Source));
        Assert.Equal(_db.Time.GetUtcNow(), person.UpdatedAt);
        Assert.Null(person.Email);
    }

    [Fact]
    public async Task ANameChangedInTeamsIsRecorded()
    {
        await ChatAsync("29:ada", "Ada Byron", "aad-ada");
        _db.Time.Advance(TimeSpan.FromDays(1));

        await ChatAsync("29:ada", "Ada Lovelace", "aad-ada");

        var person = Assert.Single(await _db.AllAsync());
        Assert.Equal("Ada Lovelace", person.Name);
        Assert.Equal(_db.Time.GetUtcNow(), person.UpdatedAt);
    }

    [Fact]
    public async Task AnUnchangedSenderCostsNoQueryAndAfterARestartNoWrite()
    {
        await ChatAsync("29:ada", "Ada Lovelace", "aad-ada");
        var firstSeen = _db.Time.GetUtcNow();
        _db.Time.Advance(TimeSpan.FromHours(1));
        var before = _db.Commands.Count;

        await ChatAsync("29:ada", "Ada Lovelace", "aad-ada");
        Assert.Equal(before, _db.Commands.Count);

        _db.Restart();
        await ChatAsync("29:ada", "Ada Lovelace", "aad-ada");
        Assert.Equal(before + 1, _db.Commands.Count); // one read, no write
        Assert.Equal(firstSeen, Assert.Single(await _db.AllAsync()).UpdatedAt);
    }

    [Fact]
    public async Task ANewPersonSendingSeveralActivitiesAtOnceIsAddedOnceWithoutErrors()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ChatAsync("29:ada", "Ada Lovelace", "aad-ada"))));

        Assert.Equal("29:ada", Assert.Single(await _db.AllAsync()).TeamsId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ActivitiesWithoutASenderOrFromTheBotAreIgnored(string? id)
    {
        await _db.Directory().UpsertFromActivityAsync(id is null ? null : From(id, "x"), ChatIdentityTrust.Vouched, default);
        await _db.Directory().UpsertFromActivityAsync(new ChannelAccount("28:bot", "HelpdeskBot") { Role = "bot" }, ChatIdentityTrust.Vouched, default);

        Assert.Empty(await _db.AllAsync());
    }

    [Theory]
    [InlineData(ChatIdentityTrust.FirstSeen)]
    [InlineData(ChatIdentityTrust.None)]
    public async Task AnUnvouchedActivityCarryingSomeoneElsesEntraIdDoesNotRebindThem(ChatIdentityTrust trust)
    {
        await ChatAsync("29:megan", "Megan Bowen", "aad-megan");
        await ChatAsync("29:mallory", "Mallory", null);

        await ChatAsync("29:mallory", "Megan Bowen", "aad-megan", trust);

        var people = await _db.AllAsync();
        Assert.Equal(("29:megan", "aad-megan"), (people[0].TeamsId, people[0].AadObjectId));
        Assert.Equal(("29:mallory", null), (people[1].TeamsId, people[1].AadObjectId));
        Assert.Equal(people[0].Id, (await _db.Directory().FindByTeamsIdAsync("29:megan", default))!.Id);
    }

    [Fact]
    public async Task AnUnvouchedActivityCannotChangeTheEntraIdBoundToATeamsId()
    {
        await ChatAsync("29:megan", "Megan Bowen", "aad-megan", ChatIdentityTrust.FirstSeen);

        await ChatAsync("29:megan", "Megan Bowen", "aad-someone-else", ChatIdentityTrust.FirstSeen);

        Assert.Equal("aad-megan", Assert.Single(await _db.AllAsync()).AadObjectId);
    }

    [Fact]
    public async Task AnActivityTeamsVouchesForMayMoveABinding()
    {
        await ChatAsync("29:megan-old", "Megan Bowen", "aad-megan");

        await ChatAsync("29:megan-new", "Megan Bowen", "aad-megan", ChatIdentityTrust.Vouched);

        Assert.Equal("29:megan-new", Assert.Single(await _db.AllAsync()).TeamsId);
    }

    [Fact]
    public async Task InAnonymousModeTheFirstSeenIdsAreBound()
    {
        await ImportAsync(new PersonRecord("megan@contoso.example", "Megan Bowen", AadObjectId: "aad-megan"));

        await ChatAsync("29:megan", "Megan Bowen", "aad-megan", ChatIdentityTrust.FirstSeen);
        await ChatAsync("29:mallory", "Megan Bowen", "aad-megan", ChatIdentityTrust.FirstSeen);

        var megan = Assert.Single(await _db.AllAsync(), p => p.Email is not null);
        Assert.Equal("29:megan", megan.TeamsId);
    }

    [Fact]
    public async Task APersonSeenInChatAndLaterImportedByEntraIdIsOneRow()
    {
        await ChatAsync("29:ada", "Ada", "aad-ada");

        var report = await ImportAsync(new PersonRecord("Ada.Lovelace@Contoso.example", "Ada Lovelace", "Finance", "London", AadObjectId: "aad-ada"));

        Assert.Equal((0, 1, 0), (report.Added, report.Updated, report.Unchanged));
        var person = Assert.Single(await _db.AllAsync());
        Assert.Equal(("29:ada", "ada.lovelace@contoso.example", "Ada Lovelace", "Finance", PersonSource.Csv),
            (person.TeamsId, person.Email, person.Name, person.Department, person.Source));
    }

    [Fact]
    public async Task APersonImportedFirstGetsTheirTeamsIdWhenTheyFirstChat()
    {
        await ImportAsync(new PersonRecord("ada@contoso.example", "Ada Lovelace", AadObjectId: "aad-ada"));

        await ChatAsync("29:ada", "Ada Lovelace", "aad-ada");

        var person = Assert.Single(await _db.AllAsync());
        Assert.Equal(("29:ada", "ada@contoso.example"), (person.TeamsId, person.Email));
        Assert.Equal(person.Id, (await _db.Directory().FindByTeamsIdAsync("29:ada", default))!.Id);
        Assert.Equal(person.Id, (await _db.Directory().FindByEmailAsync(" ADA@contoso.EXAMPLE ", default))!.Id);
    }

    [Fact]
    public async Task AChatRowAndAnImportedRowThatTurnOutToBeOnePersonAreMerged()
    {
        await ImportAsync(new PersonRecord("ada@contoso.example", "Ada Lovelace", "Finance"));
        await ChatAsync("29:ada", "Ada (Teams)", "aad-ada"); // no email in chat: a second row for now
        Assert.Equal(2, (await _db.AllAsync()).Count);

        var report = await ImportAsync(new PersonRecord("ada@contoso.example", "Ada Lovelace", "Finance", AadObjectId: "aad-ada"));

        Assert.Equal(1, report.Updated);
        var person = Assert.Single(await _db.AllAsync());
        Assert.Equal(("29:ada", "aad-ada", "Ada Lovelace", "Finance"), (person.TeamsId, person.AadObjectId, person.Name, person.Department));
    }

    [Fact]
    public async Task ReimportingTheSameLinesChangesNothingAndEmailsAreMatchedInAnyCase()
    {
        PersonRecord[] lines = [new("ann@contoso.example", "Ann", "IT"), new("bob@contoso.example", "Bob", "IT", ManagerEmail: "ann@contoso.example")];
        await ImportAsync(lines);
        _db.Time.Advance(TimeSpan.FromDays(1));

        var again = await ImportAsync([lines[0] with { Email = "ANN@contoso.example" }, lines[1]]);

        Assert.Equal((0, 0, 2), (again.Added, again.Updated, again.Unchanged));
        Assert.All(await _db.AllAsync(), p => Assert.Equal(PersonSource.Csv, p.Source));
    }

    [Fact]
    public async Task DuplicateEmailsAndIdsInOneFileAndIdsOfSomeoneElseAreReportedByLine()
    {
        await ImportAsync(new PersonRecord("ann@contoso.example", "Ann", AadObjectId: "aad-ann"), new PersonRecord("cy@contoso.example", "Cy"));

        var report = await ImportAsync(
            new PersonRecord("bob@contoso.example", "Bob"),
            new PersonRecord("BOB@contoso.example", "Bobby"),
            new PersonRecord("cy@contoso.example", "Cy", AadObjectId: "aad-ann"),
            new PersonRecord("bad-email", "Dee"));

        Assert.Equal(1, report.Added);
        Assert.Equal(
            ["line 3: the email bob@contoso.example is also on line 2",
             "line 4: aad_object_id 'aad-ann' belongs to ann@contoso.example, not to cy@contoso.example",
             "line 5: 'bad-email' is not an email address"],
            report.Errors.Select(e => e.ToString()));
        Assert.Equal(["ann@contoso.example", "cy@contoso.example", "bob@contoso.example"], (await _db.AllAsync()).Select(p => p.Email));
    }

    [Fact]
    public async Task AnEmailChangedForTheSameEntraIdUpdatesThePerson()
    {
        await ImportAsync(new PersonRecord("ada.byron@contoso.example", "Ada Byron", AadObjectId: "aad-ada"));

        await ImportAsync(new PersonRecord("ada.lovelace@contoso.example", "Ada Lovelace", AadObjectId: "aad-ada"));

        Assert.Equal("ada.lovelace@contoso.example", Assert.Single(await _db.AllAsync()).Email);
    }

    [Fact]
    public async Task ManagersAreResolvedByEmailWhicheverLineComesFirst()
    {
        await ImportAsync(
            new PersonRecord("bob@contoso.example", "Bob", ManagerEmail: "Ann@Contoso.example"),
            new PersonRecord("ann@contoso.example", "Ann"));
        await ChatAsync("29:ann", "Ann", "aad-ann");
        await ImportAsync(new PersonRecord("ann@contoso.example", AadObjectId: "aad-ann"));

        var directory = _db.Directory();
        var bob = (await directory.FindByEmailAsync("bob@contoso.example", default))!;
        var lookup = await directory.ManagerOfAsync(bob, default);

        Assert.True(lookup.CanApprove, lookup.Problem);
        Assert.Equal(("Ann", "29:ann"), (lookup.Manager!.Name, lookup.Manager.TeamsId));
        Assert.Equal(lookup.Manager.Id, bob.ManagerId);
    }

    [Fact]
    public async Task AManagerWhoNeverChattedOrIsNotInTheDirectoryCannotApproveAndTheReasonSaysWhy()
    {
        await ImportAsync(
            new PersonRecord("ann@contoso.example", "Ann"),
            new PersonRecord("bob@contoso.example", "Bob", ManagerEmail: "ann@contoso.example"),
            new PersonRecord("cy@contoso.example", "Cy", ManagerEmail: "nobody@contoso.example"));
        var directory = _db.Directory();

        var bob = await directory.ManagerOfAsync((await directory.FindByEmailAsync("bob@contoso.example", default))!, default);
        var cy = await directory.ManagerOfAsync((await directory.FindByEmailAsync("cy@contoso.example", default))!, default);
        var ann = await directory.ManagerOfAsync((await directory.FindByEmailAsync("ann@contoso.example", default))!, default);

        Assert.Equal("Bob's manager Ann (ann@contoso.example) has not talked to the bot yet, so cannot be sent an approval card.", bob.Problem);
        Assert.Equal("Ann", bob.Manager?.Name);
        Assert.Equal("Cy's manager nobody@contoso.example is not in the directory.", cy.Problem);
        Assert.Equal("The directory has no manager for Ann.", ann.Problem);
        Assert.False(bob.CanApprove || cy.CanApprove || ann.CanApprove);
    }

    [Fact]
    public async Task AnEmptyManagerCellClearsTheManagerAndALeftOutColumnKeepsIt()
    {
        await ImportAsync(new PersonRecord("ann@contoso.example", "Ann"), new PersonRecord("bob@contoso.example", "Bob", "IT", ManagerEmail: "ann@contoso.example"));

        await ImportAsync(new PersonRecord("bob@contoso.example", "Bob", ManagerEmail: null));
        Assert.NotNull((await _db.AllAsync())[1].ManagerId);
        await ImportAsync(new PersonRecord("bob@contoso.example", "Bob", ManagerEmail: ""));

        var bob = (await _db.AllAsync())[1];
        Assert.Equal(("IT", null, null), (bob.Department, bob.ManagerEmail, bob.ManagerId));
    }
}
