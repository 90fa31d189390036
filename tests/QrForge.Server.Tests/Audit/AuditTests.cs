using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Audit;

/// <summary>Every kind of change leaves an entry; the listing is for admins; the CSV cannot carry formulas.</summary>
public abstract class AuditTests(Database database) : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(database);
        _admin = await _factory.CreateClientAsync(Roles.Admin);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task EachKindOfChange_WritesAnEntry()
    {
        var code = (string)(await Json.PostAsync(_admin, "/api/v1/codes", """{"data":"audited","label":"=HYPERLINK(\"http://evil\")"}"""))["id"]!;
        (await Json.PatchAsync(_admin, $"/api/v1/codes/{code}", """{"label":"+1"}""")).EnsureSuccessStatusCode();
        (await _admin.DeleteAsync($"/api/v1/codes/{code}")).EnsureSuccessStatusCode();
        var key = (string)(await Json.PostAsync(_admin, "/api/v1/api-keys", """{"name":"@evil","role":"viewer"}"""))["id"]!;
        (await _admin.DeleteAsync($"/api/v1/api-keys/{key}")).EnsureSuccessStatusCode();
        var invitation = await Json.PostAsync(_admin, "/api/v1/users", """{"email":"bo@example.com","role":"viewer"}""", System.Net.HttpStatusCode.Accepted);
        var accepted = await Json.PostAsync(_factory.CreateClient(), "/api/v1/invitations/accept", $$"""{"token":"{{(string)invitation["accept_token"]!}}","password":"a long enough password"}""", System.Net.HttpStatusCode.OK);
        var user = (string)accepted["user_id"]!;
        (await Json.PatchAsync(_admin, $"/api/v1/users/{user}", """{"role":"operator"}""")).EnsureSuccessStatusCode();
        (await _factory.CreateClient().PostAsync("/api/v1/auth/login", Json.Body("""{"email":"bo@example.com","password":"a long enough password"}"""))).EnsureSuccessStatusCode();
        (await Json.PostAsync(_admin, "/api/v1/admin/tenants", """{"name":"acme"}""")).ToString();
        (await _admin.DeleteAsync($"/api/v1/users/{user}")).EnsureSuccessStatusCode();

        var page = await Json.ReadAsync(await _admin.GetAsync("/api/v1/audit?limit=100"));
        var actions = page["items"]!.AsArray().Select(e => (string)e!["action"]!).ToHashSet();
        string[] expected = ["code.create", "code.update", "code.delete", "api_key.create", "api_key.revoke", "user.create", "user.role_change", "auth.login", "tenant.create", "user.remove", "invitation.create", "invitation.accept"];
        Assert.All(expected, a => Assert.Contains(a, actions));

        var entry = page["items"]!.AsArray().First(e => (string)e!["action"]! == "code.update")!;
        Assert.Equal(code, (string)entry["entity_id"]!);
        Assert.Equal("user", (string)entry["actor_kind"]!);
        Assert.False(string.IsNullOrEmpty((string?)entry["request_id"]));

        var filtered = await Json.ReadAsync(await _admin.GetAsync($"/api/v1/audit?entity_type=code&entity_id={code}"));
        Assert.Equal(3, filtered["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task CsvExport_NeutralisesFormulas()
    {
        using (var scope = _factory.Services.CreateScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<QrForge.Server.Audit.AuditTrail>();
            foreach (var evil in new[] { "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "plain, \"quoted\"" })
            {
                await audit.RecordAsAsync(TenantContext.DefaultTenantId, "system", null, "test.evil", "test", null, evil);
            }
        }

        using var response = await _admin.GetAsync("/api/v1/audit/export.csv?action=test.evil");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        var summaries = lines.Skip(1).Select(l => l.Split(',')[7]).ToList();
        Assert.Contains("'=1+1", summaries);
        Assert.Contains("'+1", summaries);
        Assert.Contains("'-1", summaries);
        Assert.Contains("'@SUM(A1)", summaries);
        Assert.Contains("'\tx", summaries);
        Assert.Contains(lines, l => l.Contains("\"plain, \"\"quoted\"\"\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listing_IsForAdminsOnly()
    {
        using var viewer = await _factory.CreateClientAsync(Roles.Viewer);
        using var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/export.csv")).StatusCode);
    }

    [Theory]
    [InlineData("cursor=zzz", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task Listing_BadFilter_Returns400NamingIt(string query, string field)
    {
        using var response = await _admin.GetAsync("/api/v1/audit?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }
}

public sealed class SqliteAuditTests() : AuditTests(Database.Sqlite);

public sealed class PostgresAuditTests() : AuditTests(Database.Postgres);
