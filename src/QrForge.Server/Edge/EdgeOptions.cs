namespace QrForge.Server.Edge;

/// <summary>
/// The <c>QrForge:Edge</c> section: which proxies are trusted, rate limits, the admin allowlist, security headers
/// and CORS. Checked at start by <see cref="EdgeOptionsValidator"/>; documented in docs/security.md.
/// </summary>
/// <remarks>
/// Lists are empty by default and the effective default is applied in code, because configuration binding adds
/// to a list that already holds items (a default list could never be narrowed).
/// </remarks>
public sealed class EdgeOptions
{
    /// <summary>The configuration section this feature binds.</summary>
    public const string Section = "QrForge:Edge";

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed. Each entry
    /// may hold several, comma-separated. Empty (the default): nobody is trusted and those headers are ignored.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of trusted reverse proxies; comma-separated entries allowed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// How many trusted proxies in a row are peeled off <c>X-Forwarded-For</c> (1–20, default 1). Each hop is
    /// believed only when the address that added it is itself a known proxy.
    /// </summary>
    public int ForwardLimit { get; set; } = 1;

    public RateLimitsOptions RateLimits { get; set; } = new();

    public AdminAccessOptions Admin { get; set; } = new();

    public SecurityHeadersOptions Headers { get; set; } = new();

    public CorsSettings Cors { get; set; } = new();
}
