using System.Net;
using QrForge.Server.Identity;
using QrForge.Server.Operations;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Operations;

public sealed class OperationsTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Health_And_Ready_Answer()
    {
        using var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var ready = await Json.ReadAsync(await client.GetAsync("/ready"));
        Assert.Equal("Healthy", (string)ready["status"]!);
        Assert.Equal("Healthy", (string)ready["checks"]!["database"]!["status"]!);
        Assert.Equal("Healthy", (string)ready["checks"]!["cache"]!["status"]!);
    }

    [Fact]
    public async Task Metrics_ExposeHttpAndCodeCounters()
    {
        using var client = await _factory.CreateClientAsync(Roles.Operator);
        var id = (string)(await Json.PostAsync(client, "/api/v1/codes", """{"data":"metrics"}"""))["id"]!;
        await client.GetByteArrayAsync($"/api/v1/codes/{id}/image.svg");
        await client.GetByteArrayAsync($"/api/v1/codes/{id}/image.svg");
        var text = await client.GetStringAsync("/metrics");
        Assert.Contains("qrforge_codes_created", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("qrforge_images_rendered", text, StringComparison.Ordinal);
        Assert.Contains("format=\"svg\"", text, StringComparison.Ordinal);
        var l1 = text.Split('\n').Where(l => l.StartsWith("qrforge_cache_requests", StringComparison.Ordinal) && l.Contains("level=\"l1\"", StringComparison.Ordinal)).ToList();
        Assert.Contains(l1, l => l.Contains("result=\"hit\"", StringComparison.Ordinal));
        Assert.Contains(l1, l => l.Contains("result=\"miss\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestId_IsHonouredOrMade()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Request-Id", "abc-123");
        using var response = await client.SendAsync(request);
        Assert.Equal("abc-123", response.Headers.GetValues("X-Request-Id").Single());
        using var generated = await client.GetAsync("/health");
        Assert.Equal(32, generated.Headers.GetValues("X-Request-Id").Single().Length);
    }

    [Fact]
    public async Task OpenApi_And_Docs_AreServed()
    {
        using var client = await _factory.CreateClientAsync(Roles.Operator);
        var document = await Json.ReadAsync(await client.GetAsync("/openapi/v1.json"));
        Assert.NotNull(document["paths"]!["/api/v1/codes"]);
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!);
        Assert.Equal("X-Api-Key", (string)document["components"]!["securitySchemes"]!["api_key"]!["name"]!);
        Assert.NotNull(document["paths"]!["/generate"]);
        using var docs = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("html", docs.Content.Headers.ContentType!.MediaType!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_SignedIn_Returns404()
    {
        using var client = await _factory.CreateClientAsync(Roles.Viewer);
        using var response = await client.GetAsync("/no/such/thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Anonymous_Returns401WithoutRevealingRoutes()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/no/such/thing");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void LegacyVariables_MapToQrForgeSettings()
    {
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://app:s%40cret@db.internal:6543/qr?sslmode=require",
            ["REDIS_HOST"] = "cache",
            ["REDIS_PORT"] = "6380",
            ["REDIS_PASSWORD"] = "pw",
        };
        var settings = ServerConfiguration.FromLegacyVariables(k => env.GetValueOrDefault(k));
        Assert.Equal("postgres", settings["QrForge:Database:Provider"]);
        var cs = settings["QrForge:Database:ConnectionString"]!;
        Assert.Contains("Host=db.internal", cs, StringComparison.Ordinal);
        Assert.Contains("Port=6543", cs, StringComparison.Ordinal);
        Assert.Contains("Database=qr", cs, StringComparison.Ordinal);
        Assert.Contains("Password=s@cret", cs, StringComparison.Ordinal);
        Assert.Contains("SSL Mode=Require", cs, StringComparison.Ordinal);
        Assert.Equal("cache:6380,password=pw", settings["QrForge:Redis:Configuration"]);
    }

    [Theory]
    [InlineData("mysql://x@y/z")]
    [InlineData("postgres://host-only")]
    [InlineData("not a url")]
    public void PostgresUrl_Malformed_IsRefusedClearly(string url)
    {
        Assert.Throws<FormatException>(() => PostgresUrl.ToConnectionString(url));
    }
}
