using QrForge.Server.Images;

namespace QrForge.Server.Links;

/// <summary>
/// <c>PATCH /api/v1/links/{id}</c>: only the fields given change. <c>status</c> is <c>active</c> or
/// <c>disabled</c>; <c>never_expires: true</c> removes the expiry, <c>max_scans: 0</c> the cap,
/// <c>expired_url: ""</c> the expired destination. The slug never changes (it is printed).
/// </summary>
public sealed record UpdateLinkRequest(
    string? Destination,
    string? Title,
    List<string>? Tags,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ExpiresAt,
    bool? NeverExpires,
    int? MaxScans,
    string? ExpiredUrl,
    int? RedirectStatus,
    string? Status,
    ImageStyle? Style);
