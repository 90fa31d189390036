using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Codes;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Codes;

/// <summary>Issue 12, fault 8: what callers without credentials can make the service render is bounded.</summary>
public sealed class AnonymousRenderTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new()
        {
            ["QrForge:Codes:AnonymousRenderConcurrency"] = "1",
            ["QrForge:Codes:AnonymousRenderQueue"] = "0",
        });
        _anonymous = _factory.CreateClient();
        _operator = await _factory.CreateClientAsync(Roles.Operator);
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        _operator.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/v1/render?data=big&size=2048", "size")]
    [InlineData("/api/v1/render?data=big&scale=40", "scale")]
    public async Task Render_AnonymousBeyondTheAnonymousSize_Returns400NamingTheLimit(string url, string field)
    {
        using var anonymous = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.Contains("1024", string.Join(" ", (await Json.ReadAsync(anonymous))["errors"]![field]!.AsArray().Select(m => (string)m!)), StringComparison.Ordinal);
        using var signedIn = await _operator.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode); // the full MaxImagePixels (4096) for a signed-in caller
    }

    [Fact]
    public async Task CodeImage_AnonymousOverrideBeyondTheAnonymousSize_Returns400ButTheCodesOwnStyleServes()
    {
        var id = (string)(await Json.PostAsync(_operator, "/api/v1/codes", """{"data":"public and big","public":true,"style":{"scale":40}}"""))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync($"/api/v1/codes/{id}/image.png")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _anonymous.GetAsync($"/api/v1/codes/{id}/image.png?size=2000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync($"/api/v1/codes/{id}/image.png?size=1000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _operator.GetAsync($"/api/v1/codes/{id}/image.png?size=2000")).StatusCode);
    }

    [Fact]
    public async Task Render_AnonymousWhileEverySlotIsTaken_Returns503WithRetryAfterButSignedInRenders()
    {
        var gate = _factory.Services.GetRequiredService<AnonymousRenderGate>();
        Assert.Equal(1, gate.Concurrency);
        using (var held = await gate.EnterAsync(CancellationToken.None))
        {
            Assert.True(held.IsAcquired);
            using var busy = await _anonymous.GetAsync("/api/v1/render?data=busy&format=pdf");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter!.Delta);
            Assert.Equal("https://qrforge.dev/problems/render-busy", (string)(await Json.ReadAsync(busy))["type"]!);
            Assert.Equal(HttpStatusCode.OK, (await _operator.GetAsync("/api/v1/render?data=busy&format=pdf")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync("/api/v1/render?data=busy&format=pdf")).StatusCode);
    }
}
