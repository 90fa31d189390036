namespace QrForge.Server.Scans;

/// <summary>Scan statistics. Bot visits are counted apart (<c>bots</c>) and left out of everything else.</summary>
public sealed record StatsResponse(DateTime From, DateTime To, string Interval, string Tz, StatsTotals Totals, IReadOnlyList<StatsPoint> Series, StatsTops Top);
