using System.Net;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Signed, expiring links to pass images: no credentials needed, bound to tenant and pass, ended by revocation.</summary>
public sealed class PassImageLinkTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _operator = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);
        _operator = await _factory.CreateClientAsync(Roles.Operator);
        _anonymous = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        _anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<string> LinkAsync(string passId, string body = "{}") =>
        (string)(await Json.PostAsync(_operator, $"/api/v1/passes/{passId}/image-links", body))["url"]!;

    [Fact]
    public async Task SignedLink_WithoutCredentials_ServesTheImageZbarReads()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var url = await LinkAsync((string)pass["id"]!);
        using var response = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal((string)pass["token"]!, await ZbarReader.ReadAsync(await response.Content.ReadAsByteArrayAsync()));

        var jwt = await LinkAsync((string)pass["id"]!, """{"format":"svg","token":"jwt"}""");
        using var svg = await _anonymous.GetAsync(jwt);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task SignedLink_AfterItsExpiry_Is410()
    {
        var url = await LinkAsync((string)(await PassSeed.PassAsync(_operator))["id"]!, """{"expires_in_hours":2}""");
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(url)).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        using var expired = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("https://qrforge.dev/problems/link-expired", (string)(await Json.ReadAsync(expired))["type"]!);
    }

    [Fact]
    public async Task RevokedPass_ImageNoLongerServed_ThroughLinksOrTheApi()
    {
        var id = (string)(await PassSeed.PassAsync(_operator))["id"]!;
        var url = await LinkAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(url)).StatusCode); // cached now
        Assert.Equal(HttpStatusCode.OK, (await _operator.GetAsync($"/api/v1/passes/{id}/image.png")).StatusCode);
        await Json.PostAsync(_operator, $"/api/v1/passes/{id}/revoke", "{}", HttpStatusCode.OK);
        using var viaLink = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, viaLink.StatusCode);
        Assert.Equal("https://qrforge.dev/problems/pass-revoked", (string)(await Json.ReadAsync(viaLink))["type"]!);
        Assert.Equal(HttpStatusCode.Gone, (await _operator.GetAsync($"/api/v1/passes/{id}/image.png")).StatusCode);
        using var newLink = await _operator.PostAsync($"/api/v1/passes/{id}/image-links", Json.Body("{}"));
        Assert.Equal(HttpStatusCode.Gone, newLink.StatusCode);
    }

    [Fact]
    public async Task SignedLink_AlteredOrForged_Is404()
    {
        var url = await LinkAsync((string)(await PassSeed.PassAsync(_operator))["id"]!);
        var last = url[^1];
        var altered = url[..^1] + (last == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(altered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("/api/v1/pass-images/not-a-link")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("/api/v1/pass-images/" + new string('A', 2000))).StatusCode);
    }

    [Fact]
    public async Task SignedLink_OfAnotherTenantsPass_CannotBeMade()
    {
        var id = (string)(await PassSeed.PassAsync(_operator))["id"]!;
        using var other = await _factory.CreateClientAsync(Roles.Operator, Guid.NewGuid()); // an operator of another tenant
        using var response = await other.PostAsync($"/api/v1/passes/{id}/image-links", Json.Body("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"format":"gif"}""", "format")]
    [InlineData("""{"token":"xml"}""", "token")]
    [InlineData("""{"expires_in_hours":0}""", "expires_in_hours")]
    [InlineData("""{"expires_in_hours":100000}""", "expires_in_hours")]
    public async Task CreateLink_InvalidField_Returns400NamingIt(string json, string field)
    {
        var id = (string)(await PassSeed.PassAsync(_operator))["id"]!;
        using var response = await _operator.PostAsync($"/api/v1/passes/{id}/image-links", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }
}
