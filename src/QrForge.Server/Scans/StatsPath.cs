namespace QrForge.Server.Scans;

/// <summary>Where stats are computed from: the quarter-hour roll-ups, or the raw scans.</summary>
internal enum StatsPath
{
    RollUp,
    Raw,
}
