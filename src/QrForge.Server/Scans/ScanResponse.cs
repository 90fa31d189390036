namespace QrForge.Server.Scans;

/// <summary>One recorded scan as the API shows it.</summary>
public sealed record ScanResponse(
    Guid Id,
    DateTime OccurredAt,
    string Source,
    string Device,
    string Os,
    string Browser,
    bool IsBot,
    string? ReferrerHost,
    string? Country,
    string VisitorHash,
    string? Ip);
