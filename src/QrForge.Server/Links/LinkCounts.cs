namespace QrForge.Server.Links;

/// <summary>
/// Recorded scans of the link (written in the background, so a scan shows here within about a second);
/// <c>capped_redirects</c> is the counter <c>max_scans</c> is enforced against (null when the link has no cap).
/// </summary>
public sealed record LinkCounts(long Scans, int? CappedRedirects);
