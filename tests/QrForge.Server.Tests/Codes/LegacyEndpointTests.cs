using System.Net;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Codes;

/// <summary>The original service's contract: POST /generate and GET /retrieve/{qr_id}, snake_case, URLs not paths.</summary>
public sealed class LegacyEndpointTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Generate_ThenRetrieve_GivesAnAbsolutePngUrl()
    {
        using var client = _factory.CreateClient();
        var generated = await Json.PostAsync(client, "/generate", """{"data":"original client","expiration_hours":2}""");
        var id = (string)generated["qr_id"]!;
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T14:00:00Z"), DateTimeOffset.Parse((string)generated["expires_at"]!));

        var retrieved = await Json.ReadAsync(await client.GetAsync($"/retrieve/{id}"));
        var url = (string)retrieved["qr_code"]!;
        Assert.Equal($"http://localhost/api/v1/codes/{id}/image.png", url);
        Assert.Equal("original client", (string)retrieved["data"]!);
        Assert.NotNull(retrieved["expires_at"]);
        var png = await client.GetByteArrayAsync(url);
        Assert.Equal("original client", await ZbarReader.ReadAsync(png));
    }

    [Fact]
    public async Task Generate_WithoutExpiry_UsesTheConfiguredDefault()
    {
        using var client = _factory.CreateClient();
        var generated = await Json.PostAsync(client, "/generate", """{"data":"default expiry"}""");
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T12:00:00Z"), DateTimeOffset.Parse((string)generated["expires_at"]!));
    }

    [Theory]
    [InlineData("""{"expiration_hours":2}""")]
    [InlineData("""{"data":"x","expiration_hours":0}""")]
    public async Task Generate_BadInput_Returns400(string json)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/generate", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("01a20c24-fa15-73cf-b010-a81c43bfb029")]
    public async Task Retrieve_Unknown_Returns404(string id)
    {
        using var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/retrieve/{id}")).StatusCode);
    }

    [Fact]
    public async Task LegacyEndpoints_SwitchedOff_Answer404()
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new() { ["QrForge:Codes:LegacyEndpoints"] = "false" });
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/generate", Json.Body("""{"data":"x"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
