namespace QrForge.Server.Scans;

/// <summary>The ten most frequent values of each dimension (ties by value).</summary>
public sealed record StatsTops(
    IReadOnlyList<StatsCount> Devices,
    IReadOnlyList<StatsCount> Os,
    IReadOnlyList<StatsCount> Browsers,
    IReadOnlyList<StatsCount> Referrers,
    IReadOnlyList<StatsCount> Countries);
