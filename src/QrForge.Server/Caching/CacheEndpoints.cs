using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using QrForge.Server.Identity;
using QrForge.Server.Operations;

namespace QrForge.Server.Caching;

public static class CacheEndpoints
{
    /// <summary>Maps <c>GET /api/v1/cache/stats</c> (<see cref="Policies.Admin"/>).</summary>
    public static IEndpointRouteBuilder MapCaching(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cache/stats", Stats).WithName("GetCacheStats").WithTags("Cache").RequireAuthorization(Policies.Admin);
        return app;
    }

    private static Ok<CacheStats> Stats(IMemoryCache memory, QrForgeMetrics metrics, IServiceProvider services)
    {
        var statistics = (memory as MemoryCache)?.GetCurrentStatistics();
        var tally = metrics.CacheTally();
        var shared = services.GetService<ResilientDistributedCache>();
        return TypedResults.Ok(new CacheStats(
            statistics?.CurrentEntryCount ?? 0,
            statistics?.CurrentEstimatedSize,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            Level(tally.L1Hits, tally.L1Misses, 0),
            Level(tally.L2Hits, tally.L2Misses, tally.L2Errors),
            shared is not null,
            shared is { IsAvailable: true }));
    }

    private static CacheLevelStats Level(long hits, long misses, long errors)
    {
        var total = hits + misses + errors;
        return new CacheLevelStats(hits, misses, errors, total == 0 ? null : Math.Round((double)hits / total, 4));
    }
}
