namespace QrForge.Server.Scans;

public sealed record StatsCount(string Value, long Count);
