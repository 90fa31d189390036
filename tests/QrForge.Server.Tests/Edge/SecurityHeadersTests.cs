using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using QrForge.Server.Edge;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Edge;

public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);
        _client = await _factory.CreateClientAsync(Roles.Operator);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values)
        : throw new Xunit.Sdk.XunitException($"{name} is missing");

    private static void AssertCommonHeaders(HttpResponseMessage response, string corp)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal(corp, Header(response, "Cross-Origin-Resource-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    [Fact]
    public async Task Json_And_Problem_Responses_CarryTheStrictPolicy()
    {
        using var json = await _client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        AssertCommonHeaders(json, "same-origin");
        Assert.Equal(SecurityHeadersMiddleware.DefaultPolicy, Header(json, "Content-Security-Policy"));

        using var problem = await _client.GetAsync("/api/v1/codes/0192f3a0-0000-7000-8000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType!.MediaType);
        AssertCommonHeaders(problem, "same-origin");
        Assert.Equal(SecurityHeadersMiddleware.DefaultPolicy, Header(problem, "Content-Security-Policy"));

        using var invalid = await _client.PostAsync("/api/v1/codes", Json.Body("{not json"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        AssertCommonHeaders(invalid, "same-origin");
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("svg", "image/svg+xml")]
    [InlineData("pdf", "application/pdf")]
    public async Task Images_AreEmbeddableCrossOriginButCannotRunScript(string format, string contentType)
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"headers"}"""))["id"]!;
        using var image = await _client.GetAsync($"/api/v1/codes/{id}/image.{format}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(contentType, image.Content.Headers.ContentType!.MediaType);
        AssertCommonHeaders(image, "cross-origin");
        Assert.Equal(SecurityHeadersMiddleware.DefaultPolicy, Header(image, "Content-Security-Policy"));

        using var rendered = await _client.GetAsync($"/api/v1/render?data=x&format={format}");
        AssertCommonHeaders(rendered, "cross-origin");
    }

    [Fact]
    public async Task Docs_GetAPolicyAllowingExactlyTheirInlineScripts()
    {
        using var docs = await _client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        AssertCommonHeaders(docs, "same-origin");
        var policy = Header(docs, "Content-Security-Policy");
        var html = await docs.Content.ReadAsStringAsync();

        var inline = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(inline);
        foreach (var script in inline)
        {
            Assert.Contains($"'sha256-{Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)))}'", policy, StringComparison.Ordinal);
        }

        Assert.Contains("script-src 'self' 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);

        // The script files it loads are served too.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/docs/scalar.js")).StatusCode);
    }

    [Fact]
    public async Task Hsts_OnlyOverHttps()
    {
        using var https = _factory.CreateClient(new() { BaseAddress = new Uri("https://qr.example.com") });
        using var secure = await https.GetAsync("/health");
        Assert.Equal("max-age=31536000", Header(secure, "Strict-Transport-Security"));
        using var plain = await _client.GetAsync("/health");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_FollowsForwardedProtoOnlyFromAKnownProxy()
    {
        await using var host = await KestrelHost.StartAsync(new() { ["QrForge:Edge:KnownProxies:0"] = "127.0.0.9" });
        async Task<bool> HstsAsync(string from)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Add("X-Forwarded-For", "203.0.113.1");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await host.CreateClient(from).SendAsync(request);
            return response.Headers.Contains("Strict-Transport-Security");
        }

        Assert.True(await HstsAsync("127.0.0.9"));
        Assert.False(await HstsAsync("127.0.0.2"));
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
