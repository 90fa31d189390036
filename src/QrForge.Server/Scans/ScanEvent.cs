using System.Net;

namespace QrForge.Server.Scans;

/// <summary>What the redirect captures of a visit; <see cref="ScanEnricher"/> turns it into a <see cref="Scan"/> in the background.</summary>
public readonly record struct ScanEvent(
    Guid LinkId,
    Guid TenantId,
    DateTimeOffset At,
    bool FromQr,
    string? UserAgent,
    string? Referrer,
    IPAddress? Ip,
    string? Country);
