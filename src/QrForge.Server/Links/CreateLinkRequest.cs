using QrForge.Server.Images;

namespace QrForge.Server.Links;

/// <summary>
/// <c>POST /api/v1/links</c> (and one row of a bulk create). Only <c>destination</c> is required;
/// <c>redirect_status</c> is 301, 302 (default) or 307.
/// </summary>
public sealed record CreateLinkRequest(
    string? Destination,
    string? Slug,
    string? Title,
    List<string>? Tags,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ExpiresAt,
    int? MaxScans,
    string? ExpiredUrl,
    int? RedirectStatus,
    ImageStyle? Style);
