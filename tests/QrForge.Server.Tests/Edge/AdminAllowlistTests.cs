using System.Net;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Edge;

/// <summary>The admin allowlist on Kestrel, with clients connecting from distinct loopback addresses.</summary>
public sealed class AdminAllowlistTests(AdminAllowlistTests.Fixture fixture) : IClassFixture<AdminAllowlistTests.Fixture>
{
    private readonly KestrelHost _host = fixture.Host;

    public static TheoryData<string> Methods => ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>One host for the class: admin open to 127.0.0.3 and 10.20.0.0/16, 127.0.0.9 a trusted proxy.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public KestrelHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await KestrelHost.StartAsync(new()
        {
            ["QrForge:Edge:Admin:AllowedNetworks:0"] = "127.0.0.3, 10.20.0.0/16",
            ["QrForge:Edge:KnownProxies:0"] = "127.0.0.9",
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    // Absolute, so that a path starting with "//" stays a path rather than a host.
    private HttpRequestMessage Request(string method, string path, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_host.BaseAddress.GetLeftPart(UriPartial.Authority) + path));
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = Json.Body("""{"name":"x"}""");
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Admin_FromOutsideTheAllowedNetworks_Is403ForEveryMethod(string method)
    {
        var client = _host.CreateClient("127.0.0.2");
        foreach (var path in new[] { "/api/v1/admin", "/api/v1/admin/tenants", "/api/v1/admin/users/0192f3a0-0000-7000-8000-000000000000", "/API/V1/Admin/keys", "//api//v1/admin/tenants", "/api/v1/admin/no/such/route?x=1" })
        {
            using var response = await client.SendAsync(Request(method, path));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
            if (method != "HEAD")
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            }

            await AssertRefusedByNetworkAsync(response, method);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Admin_FromAnAllowedNetwork_PassesTheAllowlist(string method)
    {
        // No admin routes exist here, so passing the allowlist shows as the router's answer rather than 403.
        using var direct = await _host.CreateClient("127.0.0.3").SendAsync(Request(method, "/api/v1/admin/tenants"));
        Assert.NotEqual(HttpStatusCode.Forbidden, direct.StatusCode);
        using var proxied = await _host.CreateClient("127.0.0.9").SendAsync(Request(method, "/api/v1/admin/tenants", "10.20.30.40"));
        Assert.NotEqual(HttpStatusCode.Forbidden, proxied.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Admin_SpoofedForwardedFor_DoesNotPassTheAllowlist(string method)
    {
        // From a client that is no proxy the header is ignored; through the proxy the real client is outside.
        using var spoofed = await _host.CreateClient("127.0.0.2").SendAsync(Request(method, "/api/v1/admin/tenants", "127.0.0.3"));
        await AssertRefusedByNetworkAsync(spoofed, method);
        using var proxied = await _host.CreateClient("127.0.0.9").SendAsync(Request(method, "/api/v1/admin/tenants", "10.20.30.40, 198.51.100.7"));
        await AssertRefusedByNetworkAsync(proxied, method);
    }

    // The allowlist's own 403 (not one from authorization), recognised by its problem type.
    private static async Task AssertRefusedByNetworkAsync(HttpResponseMessage response, string method)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        if (method != "HEAD")
        {
            Assert.Equal("https://qrforge.dev/problems/network-not-allowed", (string)(await Json.ReadAsync(response))["type"]!);
        }
    }

    [Fact]
    public async Task OtherPaths_AreNotRestricted()
    {
        var client = _host.CreateClient("127.0.0.2");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/administration")).StatusCode);
    }

    [Fact]
    public async Task Metrics_WhenRestricted_FollowTheAllowlist()
    {
        await using var host = await KestrelHost.StartAsync(new()
        {
            ["QrForge:Edge:Admin:AllowedNetworks:0"] = "127.0.0.3",
            ["QrForge:Edge:Admin:RestrictMetrics"] = "true",
        });
        using var refused = await host.CreateClient("127.0.0.2").GetAsync("/metrics");
        await AssertRefusedByNetworkAsync(refused, "GET");
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient("127.0.0.3").GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Admin_WithNothingConfigured_IsLoopbackOnly()
    {
        await using var host = await KestrelHost.StartAsync(new() { ["QrForge:Edge:KnownProxies:0"] = "127.0.0.9" });
        var proxy = host.CreateClient("127.0.0.9");
        using var local = await proxy.GetAsync("/api/v1/admin/tenants");
        Assert.NotEqual(HttpStatusCode.Forbidden, local.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/tenants");
        request.Headers.Add("X-Forwarded-For", "203.0.113.5");
        using var remote = await proxy.SendAsync(request);
        await AssertRefusedByNetworkAsync(remote, "GET");
    }
}
