namespace QrForge.Server.Scans;

/// <summary>One bucket: <c>start</c> is its local start in the asked time zone, with that zone's offset.</summary>
public sealed record StatsPoint(DateTimeOffset Start, long Scans, long QrScans, long UniqueVisitors);
