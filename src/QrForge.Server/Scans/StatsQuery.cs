namespace QrForge.Server.Scans;

/// <summary>The time range, bucket width and time zone of a stats request (already checked).</summary>
public sealed record StatsQuery(DateTime From, DateTime To, string Interval, TimeZoneInfo Zone);
