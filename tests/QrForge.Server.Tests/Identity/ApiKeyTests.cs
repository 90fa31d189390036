using System.Net;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Identity;

/// <summary>API keys: shown once, stored hashed, sent two ways, listed with last use, revoked and expiring.</summary>
public abstract class ApiKeyTests(Database database) : IAsyncLifetime
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
    public async Task Create_ShowsTheSecretOnceAndItWorksBothWays()
    {
        var created = await Json.PostAsync(_admin, "/api/v1/api-keys", """{"name":"printer","role":"operator"}""");
        var secret = (string)created["key"]!;
        Assert.Matches("^qrf_[A-Za-z0-9_-]{43}$", secret);

        using var viaHeader = _factory.CreateClient();
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var me = await Json.ReadAsync(await viaHeader.GetAsync("/api/v1/me"));
        Assert.Equal("api_key", (string)me["kind"]!);
        Assert.Equal("operator", (string)me["role"]!);

        using var viaBearer = _factory.CreateClient();
        viaBearer.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.Created, (await viaBearer.PostAsync("/api/v1/codes", Json.Body("""{"data":"from a key"}"""))).StatusCode);

        var listed = await Json.ReadAsync(await _admin.GetAsync("/api/v1/api-keys"));
        var row = listed.AsArray().Single(k => (string)k!["id"]! == (string)created["id"]!)!;
        Assert.Null(row["key"]);
        Assert.Equal(secret[..10], (string)row["hint"]!);
        Assert.NotNull(row["last_used_at"]);
    }

    [Fact]
    public async Task Revoked_Is401()
    {
        var created = await Json.PostAsync(_admin, "/api/v1/api-keys", """{"name":"temp","role":"viewer"}""");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", (string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/codes")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/api-keys/{(string)created["id"]!}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/codes")).StatusCode);
    }

    [Fact]
    public async Task Expired_Is401()
    {
        var expires = _factory.Clock.GetUtcNow().AddHours(1).ToString("O");
        var created = await Json.PostAsync(_admin, "/api/v1/api-keys", $$"""{"name":"short","role":"viewer","expires_at":"{{expires}}"}""");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", (string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/codes")).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/codes")).StatusCode);
    }

    [Theory]
    [InlineData("""{"role":"viewer"}""", "name")]
    [InlineData("""{"name":"x","role":"owner"}""", "role")]
    [InlineData("""{"name":"x","role":"viewer","expires_at":"2020-01-01T00:00:00Z"}""", "expires_at")]
    public async Task Create_InvalidField_Returns400NamingIt(string json, string field)
    {
        using var response = await _admin.PostAsync("/api/v1/api-keys", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "qrf_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/codes")).StatusCode);
    }
}

public sealed class SqliteApiKeyTests() : ApiKeyTests(Database.Sqlite);

public sealed class PostgresApiKeyTests() : ApiKeyTests(Database.Postgres);
