using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Passes;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Two nodes on one database and one real Redis: what one node caches or revokes, the other sees.</summary>
public sealed class PassSharedCacheTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private QrForgeFactory _nodeA = null!;
    private QrForgeFactory _nodeB = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _nodeA = await QrForgeFactory.CreateAsync(Database.Sqlite, _redis.Configuration);
        _nodeB = await QrForgeFactory.CreateAsync(Database.Sqlite, _redis.Configuration, connectionString: _nodeA.ConnectionString, clock: _nodeA.Clock);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task TwoNodes_WarmedOnOne_ServedAndVerifiedOnTheOther()
    {
        using var a = await _nodeA.CreateClientAsync(Roles.Operator);
        using var b = await _nodeB.CreateClientAsync(Roles.Operator);
        var eventId = await PassSeed.EventAsync(a);
        var pass = await PassSeed.PassAsync(a, eventId, await PassSeed.SubjectAsync(a));
        var id = (string)pass["id"]!;
        var started = await Json.PostAsync(a, $"/api/v1/events/{eventId}/warm", "", System.Net.HttpStatusCode.Accepted);
        await _nodeA.Services.GetRequiredService<PassWarmer>().WaitAsync(Guid.Parse((string)started["id"]!));

        // Node B shares the database key ring and Redis: it verifies with A's key and serves A's warmed image.
        Assert.Equal("valid", await PassSeed.VerifyAsync(b, (string)pass["token"]!));
        var image = await b.GetByteArrayAsync($"/api/v1/passes/{id}/image.png");
        Assert.Equal((string)pass["token"]!, await ZbarReader.ReadAsync(image));
        using var admin = await _nodeB.CreateClientAsync(Roles.Admin);
        var stats = await Json.ReadAsync(await admin.GetAsync("/api/v1/cache/stats"));
        Assert.True((bool)stats["redis_connected"]!);
        Assert.True((long)stats["l2"]!["hits"]! >= 1);

        // A pass issued on B is signed with the same tenant key (the shared Data Protection ring decrypts it).
        var fromB = await PassSeed.PassAsync(b, eventId, await PassSeed.SubjectAsync(b));
        Assert.Equal((string)pass["key_id"]!, (string)fromB["key_id"]!);
        Assert.Equal("valid", await PassSeed.VerifyAsync(a, (string)fromB["jwt"]!));
    }
}
