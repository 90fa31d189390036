namespace QrForge.Server.Caching;

/// <summary>The cache as this node sees it: entries, hit rates by level, memory, and whether Redis is in use.</summary>
public sealed record CacheStats(
    long Entries,
    long? EstimatedBytes,
    long GcHeapBytes,
    CacheLevelStats L1,
    CacheLevelStats L2,
    bool RedisConfigured,
    bool RedisConnected);
