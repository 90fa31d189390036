using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Identity;

/// <summary>
/// Issue 12, fault 4: a tenant admin cannot pull another tenant's accounts. Members are invited; the answer is the
/// same whether or not the email has an account; nothing changes until the invited person accepts. Both databases.
/// </summary>
public abstract class InvitationTests(Database database) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private static readonly Guid OtherTenant = new("0193a5b2-0000-7000-8000-00000000beef");
    private QrForgeFactory _factory = null!;
    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(database);
        _admin = await _factory.CreateClientAsync(Roles.Admin);
        _anonymous = _factory.CreateClient();

        // An account that exists only in another tenant.
        using var scope = _factory.Services.CreateScope();
        using var otherAdmin = await _factory.CreateClientAsync(Roles.Admin, OtherTenant);
        var errors = new Dictionary<string, string[]>();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<AccountService>().AddMemberAsync(OtherTenant, "grace@example.com", Password, Roles.Operator, errors, default));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    private static string Shape(System.Text.Json.Nodes.JsonNode invitation) =>
        string.Join(",", invitation.AsObject().Select(p => p.Key).Order()) + "|" + (string)invitation["status"]! + "|" + (string)invitation["role"]!;

    [Fact]
    public async Task AddUser_ExistingOrUnknownEmail_SameAnswerAndNobodyJoins()
    {
        using var existing = await _admin.PostAsync("/api/v1/users", Json.Body("""{"email":"grace@example.com","role":"viewer"}"""));
        using var unknown = await _admin.PostAsync("/api/v1/users", Json.Body("""{"email":"nobody-yet@example.com","role":"viewer"}"""));
        Assert.Equal(HttpStatusCode.Accepted, existing.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        var a = await Json.ReadAsync(existing);
        var b = await Json.ReadAsync(unknown);
        Assert.Equal(Shape(a), Shape(b));
        Assert.StartsWith("qri_", (string)a["accept_token"]!, StringComparison.Ordinal);

        // No account id of the other tenant leaks, and the account is not a member until it accepts.
        var graceId = await UserIdAsync("grace@example.com");
        Assert.DoesNotContain(graceId.ToString(), a.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var members = await Json.ReadAsync(await _admin.GetAsync("/api/v1/users"));
        Assert.DoesNotContain(members.AsArray(), m => (string)m!["email"]! == "grace@example.com");
    }

    [Fact]
    public async Task AddUser_WithAPassword_Is400NamingIt()
    {
        using var response = await _admin.PostAsync("/api/v1/users", Json.Body("""{"email":"bo@example.com","password":"a long enough password","role":"viewer"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]!["password"]);
    }

    [Fact]
    public async Task Accept_ExistingAccountWithItsPassword_JoinsWithTheRole()
    {
        var invitation = await Json.PostAsync(_admin, "/api/v1/invitations", """{"email":"grace@example.com","role":"viewer"}""");
        var token = (string)invitation["accept_token"]!;
        using var wrong = await _anonymous.PostAsync("/api/v1/invitations/accept", Json.Body($$"""{"token":"{{token}}","password":"not her password at all"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("https://qrforge.dev/problems/invitation-not-accepted", (string)(await Json.ReadAsync(wrong))["type"]!);

        var accepted = await Json.PostAsync(_anonymous, "/api/v1/invitations/accept", $$"""{"token":"{{token}}","password":"{{Password}}"}""", HttpStatusCode.OK);
        Assert.Equal("viewer", (string)accepted["role"]!);
        Assert.False((bool)accepted["created_account"]!);
        var members = await Json.ReadAsync(await _admin.GetAsync("/api/v1/users"));
        Assert.Contains(members.AsArray(), m => (string)m!["email"]! == "grace@example.com" && (string)m["role"]! == "viewer");

        using var again = await _anonymous.PostAsync("/api/v1/invitations/accept", Json.Body($$"""{"token":"{{token}}","password":"{{Password}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // used
        var list = await Json.ReadAsync(await _admin.GetAsync("/api/v1/invitations"));
        Assert.Equal("accepted", (string)list.AsArray().First(i => (string)i!["id"]! == (string)invitation["id"]!)!["status"]!);
        Assert.Null(list.AsArray()[0]!["accept_token"]);
    }

    [Fact]
    public async Task Accept_NewEmail_CreatesTheAccountThatThenSignsIn()
    {
        var invitation = await Json.PostAsync(_admin, "/api/v1/invitations", """{"email":"new.member@example.com","role":"operator"}""");
        var token = (string)invitation["accept_token"]!;
        using var tooShort = await _anonymous.PostAsync("/api/v1/invitations/accept", Json.Body($$"""{"token":"{{token}}","password":"short"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.NotNull((await Json.ReadAsync(tooShort))["errors"]!["password"]);

        var accepted = await Json.PostAsync(_anonymous, "/api/v1/invitations/accept", $$"""{"token":"{{token}}","password":"a brand new long password"}""", HttpStatusCode.OK);
        Assert.True((bool)accepted["created_account"]!);
        using var login = await _anonymous.PostAsync("/api/v1/auth/login", Json.Body("""{"email":"new.member@example.com","password":"a brand new long password"}"""));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Revoked_Or_Expired_CannotBeAccepted()
    {
        var revoked = await Json.PostAsync(_admin, "/api/v1/invitations", """{"email":"grace@example.com","role":"admin"}""");
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/invitations/{(string)revoked["id"]!}")).StatusCode);
        using var afterRevoke = await _anonymous.PostAsync("/api/v1/invitations/accept", Json.Body($$"""{"token":"{{(string)revoked["accept_token"]!}}","password":"{{Password}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, afterRevoke.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/v1/invitations/{Guid.NewGuid()}")).StatusCode);
        var expiring = await Json.PostAsync(_admin, "/api/v1/invitations", """{"email":"grace@example.com","role":"admin"}""");
        _factory.Clock.Advance(TimeSpan.FromDays(8)); // the admin's access token runs out too: nothing below uses it
        using var afterExpiry = await _anonymous.PostAsync("/api/v1/invitations/accept", Json.Body($$"""{"token":"{{(string)expiring["accept_token"]!}}","password":"{{Password}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, afterExpiry.StatusCode);
    }

    [Fact]
    public async Task Invitations_OfAnotherTenant_AreInvisible()
    {
        var mine = await Json.PostAsync(_admin, "/api/v1/invitations", """{"email":"someone@example.com","role":"viewer"}""");
        using var otherAdmin = await _factory.CreateClientAsync(Roles.Admin, OtherTenant);
        var theirs = await Json.ReadAsync(await otherAdmin.GetAsync("/api/v1/invitations"));
        Assert.DoesNotContain(theirs.AsArray(), i => (string)i!["id"]! == (string)mine["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.DeleteAsync($"/api/v1/invitations/{(string)mine["id"]!}")).StatusCode);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QrForgeDbContext>().Set<User>().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}

public sealed class SqliteInvitationTests() : InvitationTests(Database.Sqlite);

public sealed class PostgresInvitationTests() : InvitationTests(Database.Postgres);
