using QrForge.Server.Images;

namespace QrForge.Server.Links;

/// <summary>A link as the API shows it.</summary>
public sealed record LinkResponse(
    Guid Id,
    string Slug,
    string ShortUrl,
    string Destination,
    string? Title,
    IReadOnlyList<string> Tags,
    string Status,
    DateTime? ValidFrom,
    DateTime? ExpiresAt,
    int? MaxScans,
    string? ExpiredUrl,
    int RedirectStatus,
    ImageStyle? Style,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    LinkImageUrls QrImageUrls,
    LinkCounts Counts);
