namespace QrForge.Server.Edge;

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
