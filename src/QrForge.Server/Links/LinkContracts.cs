using QrForge.Server.Codes;

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
    CodeStyle? Style);

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
    CodeStyle? Style);

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
    CodeStyle? Style,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    LinkImageUrls QrImageUrls,
    LinkCounts Counts);

/// <summary>The link's QR image in each format; each encodes the marked URL <c>/r/{slug}?qr</c>.</summary>
public sealed record LinkImageUrls(string Png, string Svg, string Pdf, string Eps);

/// <summary>
/// Recorded scans of the link (written in the background, so a scan shows here within about a second);
/// <c>capped_redirects</c> is the counter <c>max_scans</c> is enforced against (null when the link has no cap).
/// </summary>
public sealed record LinkCounts(long Scans, int? CappedRedirects);

/// <summary>One page of links; pass <c>next_cursor</c> as <c>cursor</c> for the next page (null at the end).</summary>
public sealed record LinkPage(IReadOnlyList<LinkResponse> Items, string? NextCursor);

/// <summary><c>POST /api/v1/links/bulk</c>: 1-1,000 links.</summary>
public sealed record BulkCreateLinksRequest(List<CreateLinkRequest?>? Links);

/// <summary>The outcome of one row of a bulk create: <c>status</c> 201 (created), 400 (invalid) or 409 (slug taken).</summary>
public sealed record BulkLinkResult(int Index, int Status, Guid? Id, string? Slug, string? ShortUrl, Dictionary<string, string[]>? Errors);

/// <summary>The answer of a bulk create: one result per row, in request order.</summary>
public sealed record BulkCreateLinksResponse(int Created, int Failed, IReadOnlyList<BulkLinkResult> Results);

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

/// <summary>One page of scans, newest first.</summary>
public sealed record ScanPage(IReadOnlyList<ScanResponse> Items, string? NextCursor);
