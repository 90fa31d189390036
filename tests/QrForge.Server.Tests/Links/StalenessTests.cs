using System.Net;
using Microsoft.Extensions.Time.Testing;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Links;

/// <summary>
/// Two hosts on one PostgreSQL database and one Redis: after an edit or a disable on one host, the other never
/// serves the old answer for longer than the staleness bound (5 s by default; the clock is shared and fake).
/// </summary>
public sealed class StalenessTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private QrForgeFactory _a = null!;
    private QrForgeFactory _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        _a = await LinkTestHost.CreateAsync(Database.Postgres, redis: _redis.Configuration, clock: clock);
        _b = await LinkTestHost.CreateAsync(Database.Postgres, redis: _redis.Configuration, connectionString: _a.ConnectionString, clock: clock);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Edit_OnOneHost_OtherHostServesNewTargetWithinTheBound()
    {
        using var admin = await LinkTestHost.OperatorAsync(_a);
        using var visitA = LinkTestHost.Visitor(_a);
        using var visitB = LinkTestHost.Visitor(_b);
        var (id, slug) = await LinkTestHost.CreateLinkAsync(admin, """{"destination":"https://example.com/old"}""");
        Assert.Equal("https://example.com/old", (await LinkTestHost.VisitAsync(visitB, $"/r/{slug}")).Headers.Location!.OriginalString);
        Assert.Equal("https://example.com/old", (await LinkTestHost.VisitAsync(visitA, $"/r/{slug}")).Headers.Location!.OriginalString);

        await Json.PatchAsync(admin, $"/api/v1/links/{id}", """{"destination":"https://example.com/new"}""");
        Assert.Equal("https://example.com/new", (await LinkTestHost.VisitAsync(visitA, $"/r/{slug}")).Headers.Location!.OriginalString);

        _a.Clock.Advance(TimeSpan.FromSeconds(5.001));
        Assert.Equal("https://example.com/new", (await LinkTestHost.VisitAsync(visitB, $"/r/{slug}")).Headers.Location!.OriginalString);

        await Json.PatchAsync(admin, $"/api/v1/links/{id}", """{"status":"disabled"}""");
        _a.Clock.Advance(TimeSpan.FromSeconds(5.001));
        Assert.Equal(HttpStatusCode.NotFound, (await LinkTestHost.VisitAsync(visitB, $"/r/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LinkTestHost.VisitAsync(visitA, $"/r/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Caps_AcrossTwoHosts_ExactlyMaxScansRedirect()
    {
        using var admin = await LinkTestHost.OperatorAsync(_a);
        using var visitA = LinkTestHost.Visitor(_a);
        using var visitB = LinkTestHost.Visitor(_b);
        var (_, slug) = await LinkTestHost.CreateLinkAsync(admin, """{"destination":"https://example.com/a","max_scans":9}""");
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => LinkTestHost.VisitAsync(i % 2 == 0 ? visitA : visitB, $"/r/{slug}")));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Found));
    }
}
