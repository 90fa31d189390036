namespace QrForge.Server.Operations;

/// <summary>Cache lookups by level and result since the process started.</summary>
public readonly record struct CacheTally(long L1Hits, long L1Misses, long L2Hits, long L2Misses, long L2Errors);
