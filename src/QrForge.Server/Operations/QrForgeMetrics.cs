using System.Diagnostics.Metrics;

namespace QrForge.Server.Operations;

/// <summary>The service's own metrics (meter <c>QrForge</c>), exported at <c>/metrics</c> with the HTTP ones.</summary>
public sealed class QrForgeMetrics
{
    public const string MeterName = "QrForge";

    private readonly Counter<long> _codesCreated;
    private readonly Counter<long> _imagesRendered;
    private readonly Counter<long> _cacheRequests;
    private readonly Counter<long> _cleanupRemoved;
    private readonly Counter<long> _redirects;
    private readonly Counter<long> _scansWritten;
    private readonly Counter<long> _scansDropped;

    public QrForgeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _codesCreated = meter.CreateCounter<long>("qrforge.codes.created", description: "Codes created.");
        _imagesRendered = meter.CreateCounter<long>("qrforge.images.rendered", description: "Images rendered (cache misses), by format.");
        _cacheRequests = meter.CreateCounter<long>("qrforge.cache.requests", description: "Cache lookups by level (l1 in-process, l2 Redis) and result (hit, miss, error).");
        _cleanupRemoved = meter.CreateCounter<long>("qrforge.cleanup.removed", description: "Expired codes removed by the clean-up.");
        _redirects = meter.CreateCounter<long>("qrforge.links.redirects", description: "Answers of /r/{slug}, by result (redirect, not_found, expired, exhausted, expired_redirect).");
        _scansWritten = meter.CreateCounter<long>("qrforge.scans.written", description: "Scans written to the database.");
        _scansDropped = meter.CreateCounter<long>("qrforge.scans.dropped", description: "Scans lost, by reason (queue_full: the queue was full or closed; write_failed: the database refused them).");
    }

    public void CodeCreated() => _codesCreated.Add(1);

    public void ImageRendered(string format) => _imagesRendered.Add(1, new KeyValuePair<string, object?>("format", format));

    // In-process tallies of the same cache lookups, for GET /api/v1/cache/stats: [l1 hit, l1 miss, l2 hit, l2 miss, l2 error].
    private readonly long[] _cacheTally = new long[5];

    public void CacheRead(string level, bool hit)
    {
        _cacheRequests.Add(1, new("level", level), new("result", hit ? "hit" : "miss"));
        Interlocked.Increment(ref _cacheTally[(level == "l1" ? 0 : 2) + (hit ? 0 : 1)]);
    }

    public void CacheError()
    {
        _cacheRequests.Add(1, new("level", "l2"), new("result", "error"));
        Interlocked.Increment(ref _cacheTally[4]);
    }

    /// <summary>Cache lookups counted by this process since it started.</summary>
    public CacheTally CacheTally() => new(
        Interlocked.Read(ref _cacheTally[0]), Interlocked.Read(ref _cacheTally[1]),
        Interlocked.Read(ref _cacheTally[2]), Interlocked.Read(ref _cacheTally[3]), Interlocked.Read(ref _cacheTally[4]));

    public void CleanupRemoved(long count) => _cleanupRemoved.Add(count);

    public void Redirect(string result) => _redirects.Add(1, new KeyValuePair<string, object?>("result", result));

    public void ScansWritten(long count) => _scansWritten.Add(count);

    public void ScanDropped(string reason, long count = 1) => _scansDropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
}
