namespace QrForge.Server.Scans;

/// <summary>Which scans a stats request covers: one link, the links carrying a tag, or the whole tenant.</summary>
public readonly record struct StatsScope(Guid? LinkId, string? Tag);
