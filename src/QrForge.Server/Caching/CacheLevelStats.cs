namespace QrForge.Server.Caching;

/// <summary>Lookups of one level since the process started; <c>hit_rate</c> is null before the first.</summary>
public sealed record CacheLevelStats(long Hits, long Misses, long Errors, double? HitRate);
