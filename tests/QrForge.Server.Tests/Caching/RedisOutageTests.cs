using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Caching;
using QrForge.Server.Identity;
using QrForge.Server.Operations;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Caching;

/// <summary>PostgreSQL and a real Redis: images come from the cache, and Redis going away slows nothing down to failure.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private QrForgeFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _factory = await QrForgeFactory.CreateAsync(Database.Postgres, redis: _redis.Configuration, extra: new() { ["QrForge:Redis:RetryAfterSeconds"] = "2" });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Image_SecondRequest_IsServedFromTheCache()
    {
        using var client = await _factory.CreateClientAsync(Roles.Operator);
        using var rendered = new RenderCounter(_factory.Services);
        var id = (string)(await Json.PostAsync(client, "/api/v1/codes", """{"data":"cached"}"""))["id"]!;
        var first = await client.GetByteArrayAsync($"/api/v1/codes/{id}/image.png");
        var second = await client.GetByteArrayAsync($"/api/v1/codes/{id}/image.png");
        Assert.Equal(first, second);
        Assert.Equal(1, rendered.Count);
    }

    [Fact]
    public async Task Image_WithOverrides_IsRenderedEachTimeNotCached()
    {
        // Per-request variants would let any caller fill the cache; only the code's own style is cached.
        using var client = await _factory.CreateClientAsync(Roles.Operator);
        using var rendered = new RenderCounter(_factory.Services);
        var id = (string)(await Json.PostAsync(client, "/api/v1/codes", """{"data":"variants"}"""))["id"]!;
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync($"/api/v1/codes/{id}/image.png?scale=3")).EnsureSuccessStatusCode();
        }

        Assert.Equal(3, rendered.Count);
    }

    [Fact]
    public async Task RedisStopped_RequestsKeepSucceeding_ReadyDegradedThenRecovered()
    {
        using var client = await _factory.CreateClientAsync(Roles.Operator);
        var id = (string)(await Json.PostAsync(client, "/api/v1/codes", """{"data":"outage"}"""))["id"]!;
        (await client.GetAsync($"/api/v1/codes/{id}/image.png")).EnsureSuccessStatusCode();
        Assert.Equal("Healthy", (string)(await Json.ReadAsync(await client.GetAsync("/ready")))["status"]!);

        _redis.Stop();
        for (var i = 0; i < 10; i++)
        {
            var created = await Json.PostAsync(client, "/api/v1/codes", $$"""{"data":"during outage {{i}}"}""");
            using var image = await client.GetAsync($"/api/v1/codes/{(string)created["id"]!}/image.png");
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            using var old = await client.GetAsync($"/api/v1/codes/{id}/image.svg");
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        var ready = await Json.ReadAsync(await client.GetAsync("/ready"));
        Assert.Equal("Degraded", (string)ready["status"]!);
        Assert.Equal("Degraded", (string)ready["checks"]!["cache"]!["status"]!);

        await _redis.StartAgainAsync();
        var cache = _factory.Services.GetRequiredService<ResilientDistributedCache>();
        for (var attempt = 0; attempt < 50 && !cache.IsAvailable; attempt++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(3)); // past the retry interval, so a probe runs
            (await client.GetAsync($"/api/v1/codes/{id}")).EnsureSuccessStatusCode();
            await Task.Delay(100);
        }

        Assert.True(cache.IsAvailable, "the cache did not recover after Redis came back");
        Assert.Equal("Healthy", (string)(await Json.ReadAsync(await client.GetAsync("/ready")))["status"]!);
    }

    /// <summary>Counts images rendered by this host (its own meter scope), i.e. cache misses.</summary>
    private sealed class RenderCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;

        public RenderCounter(IServiceProvider services)
        {
            var scope = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == QrForgeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == "qrforge.images.rendered")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, (int)value));
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
