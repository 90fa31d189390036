using System.Net;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Edge;

public sealed class CorsTests
{
    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/codes");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");
        return request;
    }

    private static HttpRequestMessage Get(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task Cors_ByDefault_IsOff()
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite);
        using var client = factory.CreateClient();
        using var preflight = await client.SendAsync(Preflight("https://app.example.com"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
        using var get = await client.SendAsync(Get("https://app.example.com"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.False(get.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_WhenConfigured_AnswersTheAllowedOriginOnly()
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new()
        {
            ["QrForge:Edge:Cors:AllowedOrigins:0"] = "https://app.example.com",
        });
        using var client = factory.CreateClient();

        using var preflight = await client.SendAsync(Preflight("https://app.example.com"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("https://app.example.com", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("authorization", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));

        using var get = await client.SendAsync(Get("https://app.example.com"));
        Assert.Equal("https://app.example.com", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-Request-Id", get.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        using var other = await client.SendAsync(Preflight("https://evil.example.net"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        using var otherGet = await client.SendAsync(Get("https://evil.example.net"));
        Assert.False(otherGet.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
