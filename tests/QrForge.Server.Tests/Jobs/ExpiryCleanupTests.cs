using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Jobs;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Jobs;

public sealed class ExpiryCleanupTests
{
    [Theory]
    [InlineData(Database.Sqlite)]
    [InlineData(Database.Postgres)]
    public async Task Cleanup_TwoHostsAtOnce_RemoveEachExpiredCodeOnce(Database database)
    {
        await using var first = await QrForgeFactory.CreateAsync(database, extra: new() { ["QrForge:Cleanup:BatchSize"] = "7" });
        await using var second = await QrForgeFactory.CreateAsync(database, connectionString: first.ConnectionString, clock: first.Clock, extra: new() { ["QrForge:Cleanup:BatchSize"] = "7" });
        using var client = await first.CreateClientAsync(Roles.Operator);
        for (var i = 0; i < 30; i++)
        {
            await Json.PostAsync(client, "/api/v1/codes", $$"""{"data":"code {{i}}","expiration_hours":{{(i < 20 ? 1 : 48)}}}""");
        }

        first.Clock.Advance(TimeSpan.FromHours(2));
        second.CreateClient().Dispose(); // start the second host on the same database

        var runs = await Task.WhenAll(RunAsync(first), RunAsync(second), RunAsync(first), RunAsync(second));
        Assert.Equal(20, runs.Sum());

        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        Assert.Equal(10, await db.Codes.CountAsync());
        Assert.Equal(0, await RunAsync(second));
    }

    [Fact]
    public async Task Cleanup_ForgetsVisitorSightingsOlderThanTwoDays_KeepsRecentOnes()
    {
        await using var host = await QrForgeFactory.CreateAsync(Database.Sqlite);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            var link = Guid.NewGuid();
            db.AddRange(
                new QrForge.Server.Scans.VisitorLastSeen { LinkId = link, VisitorHash = "old", TenantId = TenantContext.DefaultTenantId, LastStart = now.AddDays(-3) },
                new QrForge.Server.Scans.VisitorLastSeen { LinkId = link, VisitorHash = "recent", TenantId = TenantContext.DefaultTenantId, LastStart = now.AddHours(-30) });
            await db.SaveChangesAsync();
        }

        await RunAsync(host);

        await using var check = host.Services.CreateAsyncScope();
        var left = await check.ServiceProvider.GetRequiredService<QrForgeDbContext>().Set<QrForge.Server.Scans.VisitorLastSeen>().Select(v => v.VisitorHash).ToListAsync();
        Assert.Equal(["recent"], left);
    }

    private static async Task<int> RunAsync(QrForgeFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpiryCleanup>().RunOnceAsync(CancellationToken.None);
    }
}
