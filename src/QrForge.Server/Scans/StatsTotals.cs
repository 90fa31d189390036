namespace QrForge.Server.Scans;

/// <summary>
/// <c>scans</c> = human visits (QR scans + clicks); <c>unique_visitors</c> = distinct visitor hashes (the hash
/// rotates daily, so a visitor seen on two days counts twice over a multi-day range).
/// </summary>
public sealed record StatsTotals(long Scans, long QrScans, long Clicks, long UniqueVisitors, long Bots);
