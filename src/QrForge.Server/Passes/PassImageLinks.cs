using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Images;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// Signed, expiring links to a pass's image, for organisers who send attendees their pass: the link needs no
/// credentials. It carries its tenant, pass, format, token form and expiry, sealed with the service's Data
/// Protection keys (authenticated encryption, shared by every node through the database; a changed character
/// makes it unknown). A link never outlives its expiry nor its pass: a revoked pass answers 410 through every
/// link, and the image is sent with <c>Cache-Control: private, no-cache</c> so browsers and proxies revalidate
/// (a cheap 304 by ETag) instead of keeping a revoked pass's image.
/// </summary>
public static class PassImageLinks
{
    /// <summary>Default lifetime of a link.</summary>
    public const int DefaultHours = 24 * 7;

    /// <summary>Longest lifetime of a link (90 days).</summary>
    public const int MaxHours = 24 * 90;

    private const string Purpose = "QrForge.Passes.ImageLink.v1";

    private static readonly string[] Formats = ["png", "svg", "pdf"];

    public static IEndpointRouteBuilder MapPassImageLinks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/passes/{id:guid}/image-links", Create).WithTags("Passes").WithName("CreatePassImageLink")
            .RequireAuthorization(Policies.Write)
            .WithSummary("Make a signed link to a pass's image")
            .WithDescription("A URL that serves the pass's image without credentials until it expires (default 7 days, at most 90) or the pass is revoked. Send it to the attendee.");
        app.MapGet("/api/v1/pass-images/{link}", Serve).WithTags("Passes").WithName("GetSignedPassImage")
            .AllowAnonymous()
            .WithSummary("A pass's image through a signed link")
            .WithDescription("Serves the image a signed link names. 404 for an unknown or altered link, 410 once it expired or its pass was revoked.");
        return app;
    }

    private static async Task<Results<Created<PassImageLinkResponse>, ProblemHttpResult, ValidationProblem>> Create(
        Guid id, PassService passes, IDataProtectionProvider protection, TenantContext tenant, TimeProvider clock, AuditTrail audit, HttpContext http, CancellationToken ct,
        CreatePassImageLinkRequest? request = null)
    {
        var format = (request?.Format ?? "png").ToLowerInvariant();
        var form = request?.Token ?? "compact";
        var hours = request?.ExpiresInHours ?? DefaultHours;
        var errors = new Dictionary<string, string[]>();
        if (Array.IndexOf(Formats, format) < 0)
        {
            errors["format"] = ["format must be png, svg or pdf."];
        }

        if (form is not ("compact" or "jwt"))
        {
            errors["token"] = ["token must be compact or jwt."];
        }

        if (hours is < 1 or > MaxHours)
        {
            errors["expires_in_hours"] = [$"expires_in_hours must be 1-{MaxHours}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var pass = await passes.FindAsync(id, ct);
        if (pass is null)
        {
            return Problems.NotFound("pass", id);
        }

        if (pass.RevokedAt is not null)
        {
            return Revoked(id);
        }

        var expires = clock.GetUtcNow().AddHours(hours);
        var payload = string.Join('|', tenant.TenantId.ToString("N"), id.ToString("N"), format, form, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var sealedPayload = protection.CreateProtector(Purpose).Protect(System.Text.Encoding.UTF8.GetBytes(payload));
        var url = PublicUrls.BaseUrl(http) + "/api/v1/pass-images/" + Base64Url.EncodeToString(sealedPayload);
        await audit.RecordAsync("pass.image_link", "pass", id.ToString(), $"{format} link until {expires:O}", ct);
        return TypedResults.Created(url, new PassImageLinkResponse(url, format, form, expires.UtcDateTime));
    }

    private static async Task<IResult> Serve(string link, PassService passes, IDataProtectionProvider protection, TenantContext tenant, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (Open(link, protection) is not { } opened)
        {
            return TypedResults.Problem(title: "Unknown link.", detail: "The link is not one this service made, or it was changed.", statusCode: StatusCodes.Status404NotFound, type: Problems.TypeBase + "not-found");
        }

        if (opened.Expires <= clock.GetUtcNow())
        {
            return TypedResults.Problem(title: "The link has expired.", detail: $"It expired at {opened.Expires.UtcDateTime:O}; ask the organiser for a new one.", statusCode: StatusCodes.Status410Gone, type: Problems.TypeBase + "link-expired");
        }

        tenant.TenantId = opened.Tenant; // this request reads the link's tenant, and nothing else
        var pass = await passes.SnapshotAsync(opened.Pass, ct);
        if (pass is null)
        {
            return Problems.NotFound("pass", opened.Pass);
        }

        if (pass.RevokedAt is not null)
        {
            return Revoked(opened.Pass);
        }

        var image = await passes.ImageAsync(pass, opened.Form == "jwt" ? PassTokenFormat.Jwt : PassTokenFormat.Compact, opened.Format, ct);
        var result = ImageResults.Send(http, image, opened.Format, 0);
        http.Response.Headers.CacheControl = "private, no-cache"; // revalidate each time: a revocation takes effect at once
        return result;
    }

    /// <summary>410 for a revoked pass's image.</summary>
    internal static ProblemHttpResult Revoked(Guid id) => TypedResults.Problem(
        title: "The pass was revoked.", detail: $"Pass '{id}' was revoked; its image is no longer served.", statusCode: StatusCodes.Status410Gone, type: Problems.TypeBase + "pass-revoked");

    private static (Guid Tenant, Guid Pass, string Format, string Form, DateTimeOffset Expires)? Open(string link, IDataProtectionProvider protection)
    {
        if (link.Length is 0 or > 1024)
        {
            return null;
        }

        try
        {
            var payload = System.Text.Encoding.UTF8.GetString(protection.CreateProtector(Purpose).Unprotect(Base64Url.DecodeFromChars(link)));
            var parts = payload.Split('|');
            return parts.Length == 5
                && Guid.TryParseExact(parts[0], "N", out var tenantId)
                && Guid.TryParseExact(parts[1], "N", out var passId)
                && Array.IndexOf(Formats, parts[2]) >= 0
                && parts[3] is "compact" or "jwt"
                && long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? (tenantId, passId, parts[2], parts[3], DateTimeOffset.FromUnixTimeSeconds(seconds))
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
