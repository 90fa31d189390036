using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;

namespace QrForge.Server.Edge;

/// <summary>
/// Puts the security headers on every response, set when the response starts so that error pages, 403s and
/// 429s carry them too. A header an endpoint has set itself (a page with its own <c>Content-Security-Policy</c>
/// or <c>Referrer-Policy</c>) is left as it is.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Content-Security-Policy</c>: <c>default-src 'none'; frame-ancestors 'none'</c> (JSON, images and
/// plain pages need nothing else; an SVG opened directly cannot run script). The API reference at <c>/docs/</c>
/// gets its own policy: its scripts from this origin plus the hashes of the inline scripts of that very page,
/// computed from the body, and the inline styles, data: images and same-origin requests it uses.</item>
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c>, <c>Referrer-Policy</c>
/// (configurable).</item>
/// <item><c>Cross-Origin-Resource-Policy</c>: <c>cross-origin</c> for images (PNG, SVG, PDF, EPS) so that any site can
/// embed a code, <c>same-origin</c> for everything else.</item>
/// <item><c>Strict-Transport-Security</c> when the request came over HTTPS (as the trusted proxy reported it).</item>
/// </list>
/// </remarks>
public sealed partial class SecurityHeadersMiddleware
{
    /// <summary>The policy of every response that sets none itself, except the API reference page.</summary>
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'";

    private const string DocsPath = "/docs";

    private readonly RequestDelegate _next;
    private readonly Func<object, Task> _apply;
    private readonly string _referrerPolicy;
    private readonly string? _hsts;
    private readonly string _docsConnect;

    public SecurityHeadersMiddleware(RequestDelegate next, IOptions<QrForgeOptions> options, IOptions<EdgeOptions> edgeOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        var headers = edgeOptions.Value.Headers;
        _referrerPolicy = headers.ReferrerPolicy;
        _hsts = headers.Hsts
            ? "max-age=" + ((long)headers.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture) + (headers.HstsIncludeSubDomains ? "; includeSubDomains" : "")
            : null;

        // The reference calls the API it documents; with a public base URL on another origin, that origin too.
        _docsConnect = "'self'";
        if (Uri.TryCreate(options.Value.Codes.PublicBaseUrl, UriKind.Absolute, out var publicBase))
        {
            _docsConnect += " " + publicBase.GetLeftPart(UriPartial.Authority);
        }

        _apply = state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        };
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(_apply, context);
        return IsDocsPage(context.Request.Path) ? InvokeDocsPageAsync(context) : _next(context);
    }

    private void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (!headers.ContainsKey("X-Frame-Options"))
        {
            headers.XFrameOptions = "DENY";
        }

        if (!headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = DefaultPolicy;
        }

        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = _referrerPolicy;
        }

        if (!headers.ContainsKey("Cross-Origin-Resource-Policy"))
        {
            headers["Cross-Origin-Resource-Policy"] = IsImage(context.Response.ContentType) ? "cross-origin" : "same-origin";
        }

        if (_hsts is not null && context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = _hsts;
        }
    }

    // The HTML page of the reference (a few hundred bytes) is buffered to hash its inline scripts.
    private async Task InvokeDocsPageAsync(HttpContext context)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await _next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (!response.HasStarted && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.Headers.ContentSecurityPolicy = DocsPolicy(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private string DocsPolicy(ReadOnlySpan<byte> html)
    {
        var scripts = new StringBuilder("'self'");
        foreach (Match match in InlineScript().Matches(System.Text.Encoding.UTF8.GetString(html)))
        {
            var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(match.Groups["body"].Value));
            scripts.Append(" 'sha256-").Append(Convert.ToBase64String(hash)).Append('\'');
        }

        return $"default-src 'none'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + $"connect-src {_docsConnect}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    private static bool IsDocsPage(PathString path) =>
        path.Equals(DocsPath + "/", StringComparison.OrdinalIgnoreCase) || path.Equals(DocsPath + "/index.html", StringComparison.OrdinalIgnoreCase);

    private static bool IsImage(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/postscript", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"<script(?![^>]*\ssrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
