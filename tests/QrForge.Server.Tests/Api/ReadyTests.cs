using System.Net;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Api;

/// <summary>Issue 12, fault 12: /ready follows Redis on an idle node, from the background probe alone.</summary>
public sealed class ReadyTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private QrForgeFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _factory = await QrForgeFactory.CreateAsync(Database.Sqlite, redis: _redis.Configuration, extra: new() { ["QrForge:Redis:ProbeSeconds"] = "1" });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _redis.Dispose();
    }

    private static async Task<string> CacheStatusAsync(HttpClient client) =>
        (string)(await Json.ReadAsync(await client.GetAsync("/ready")))["checks"]!["cache"]!["status"]!;

    /// <summary>Moves the fake clock a probe interval at a time until the cache check reports <paramref name="expected"/>.</summary>
    private async Task<string> WaitForAsync(HttpClient client, string expected)
    {
        var status = "";
        for (var i = 0; i < 100 && status != expected; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            status = await CacheStatusAsync(client);
        }

        return status;
    }

    [Fact]
    public async Task Ready_RedisStopsAndReturnsWithoutTraffic_FollowsIt()
    {
        using var client = _factory.CreateClient();
        Assert.Equal("Healthy", await WaitForAsync(client, "Healthy"));

        _redis.Stop();
        Assert.Equal("Degraded", await WaitForAsync(client, "Degraded"));
        using (var ready = await client.GetAsync("/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // degraded still serves
        }

        await _redis.StartAgainAsync();
        Assert.Equal("Healthy", await WaitForAsync(client, "Healthy"));
    }
}
