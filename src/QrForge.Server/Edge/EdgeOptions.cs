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

/// <summary>The <c>QrForge:Edge:RateLimits</c> section.</summary>
public sealed class RateLimitsOptions
{
    /// <summary>Apply the per-client limits. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most clients tracked per policy (1–10,000,000, default 100,000). Clients beyond it share one overflow
    /// partition per policy until windows of tracked clients end, so rotated or spoofed addresses cannot grow
    /// memory without bound.
    /// </summary>
    public int MaxClients { get; set; } = 100_000;

    /// <summary>Requests per window shared by all clients in the overflow partition of a policy. Default 1000.</summary>
    public int OverflowPermitLimit { get; set; } = 1000;

    /// <summary>Requests without credentials, per client address (IPv6 grouped by /64). Default 600 a minute.</summary>
    public RateLimitPolicyOptions Anonymous { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Signed-in requests (user or API key), per principal (<c>sub</c> claim). Default 6000 a minute.</summary>
    public RateLimitPolicyOptions Authenticated { get; set; } = new() { PermitLimit = 6000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Endpoints marked <see cref="Edge.RateLimits.Login"/>, per client address, on top of the above. Default 10 a minute.</summary>
    public RateLimitPolicyOptions Login { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>; no queue.</summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>Requests allowed per window (1–1,000,000,000).</summary>
    public int PermitLimit { get; set; }

    /// <summary>Length of the window (1 second to 1 day). A client's window starts with its first request.</summary>
    public TimeSpan Window { get; set; }
}

/// <summary>The <c>QrForge:Edge:Admin</c> section: who may reach <c>/api/v1/admin/…</c> (and <c>/metrics</c>).</summary>
public sealed class AdminAccessOptions
{
    /// <summary>
    /// Networks (CIDR) or addresses allowed to reach the admin endpoints; comma-separated entries allowed.
    /// Empty (the default): loopback only (<c>127.0.0.0/8</c>, <c>::1</c>). <c>0.0.0.0/0</c> and <c>::/0</c> open it to all.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Restrict <c>/metrics</c> to <see cref="AllowedNetworks"/> as well. Default off.</summary>
    public bool RestrictMetrics { get; set; }
}

/// <summary>The <c>QrForge:Edge:Headers</c> section.</summary>
public sealed class SecurityHeadersOptions
{
    /// <summary><c>Referrer-Policy</c> of responses that set none themselves. Default <c>strict-origin-when-cross-origin</c>.</summary>
    public string ReferrerPolicy { get; set; } = "strict-origin-when-cross-origin";

    /// <summary>Send <c>Strict-Transport-Security</c> on HTTPS responses (as seen after trusted forwarded headers). Default on.</summary>
    public bool Hsts { get; set; } = true;

    /// <summary>HSTS <c>max-age</c>. Default 365 days.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Add <c>includeSubDomains</c> to HSTS. Default off.</summary>
    public bool HstsIncludeSubDomains { get; set; }
}

/// <summary>The <c>QrForge:Edge:Cors</c> section. CORS is off unless <see cref="AllowedOrigins"/> names an origin.</summary>
public sealed class CorsSettings
{
    /// <summary>Origins allowed to call the API from a browser (<c>https://app.example.com</c>), or <c>*</c> for any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Methods allowed; empty means GET, HEAD, POST, PUT, PATCH, DELETE.</summary>
    public List<string> AllowedMethods { get; set; } = [];

    /// <summary>Request headers allowed; empty means Authorization, Content-Type, X-Api-Key, X-Request-Id, If-None-Match.</summary>
    public List<string> AllowedHeaders { get; set; } = [];

    /// <summary>Response headers exposed to scripts; empty means Location, ETag, Retry-After, X-Request-Id.</summary>
    public List<string> ExposedHeaders { get; set; } = [];

    /// <summary>Allow credentials (cookies). Default off: the API uses bearer tokens and keys. Not allowed with <c>*</c>.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long browsers may cache a preflight answer. Default 10 minutes.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
