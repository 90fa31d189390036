using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Images;
using QrForge.Server.Operations;

namespace QrForge.Server.Passes;

/// <summary><c>/api/v1/passes</c>: issue, list, get, revoke, reissue, verify, images and their cache.</summary>
public static class PassEndpoints
{
    /// <summary>Largest body of a verify or check-in request (a token is at most 2,048 characters).</summary>
    public const int SmallBodyBytes = 16 * 1024;

    private static readonly string[] Formats = ["png", "svg", "pdf"];

    public static IEndpointRouteBuilder MapPassApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/passes").WithTags("Passes");
        group.MapPost("/", Create).WithName("CreatePass").RequireAuthorization(Policies.Write);
        group.MapGet("/", List).WithName("ListPasses").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetPass").RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokePass").RequireAuthorization(Policies.Write);
        group.MapPost("/{id:guid}/reissue", Reissue).WithName("ReissuePass").RequireAuthorization(Policies.Write);
        group.MapPost("/verify", Verify).WithName("VerifyPass").RequireAuthorization(Policies.Scan).WithMetadata(new RequestSizeLimitAttribute(SmallBodyBytes));
        group.MapGet("/{id:guid}/image.{format}", Image).WithName("GetPassImage").RequireAuthorization(Policies.Read);
        group.MapDelete("/{id:guid}/cache", ForgetCache).WithName("DeletePassCache").RequireAuthorization(Policies.Write);
        return app;
    }

    private static async Task<Results<Created<PassResponse>, ValidationProblem>> Create(CreatePassRequest request, PassService passes, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (ev, subject, from, until) = await passes.ValidateAsync(request, errors, ct);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var pass = await passes.IssueAsync(ev!.Id, subject!.Id, from, until, ct);
        await audit.RecordAsync("pass.create", "pass", pass.Id.ToString(), $"pass for subject {subject.Id} at event {ev.Id}", ct);
        return TypedResults.Created($"/api/v1/passes/{pass.Id}", ToResponse(pass, http));
    }

    private static async Task<Results<Ok<Page<PassResponse>>, ValidationProblem>> List(
        PassService passes, HttpContext http, CancellationToken ct, string? cursor = null, int limit = 50, Guid? event_id = null, Guid? subject_id = null, string? status = null)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors);
        if (status is not (null or "active" or "revoked"))
        {
            errors["status"] = ["status must be active or revoked."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (items, next) = await passes.ListAsync(after, limit, event_id, subject_id, status, ct);
        return TypedResults.Ok(new Page<PassResponse>([.. items.Select(p => ToResponse(p, http))], next));
    }

    private static async Task<Results<Ok<PassResponse>, ProblemHttpResult>> Get(Guid id, PassService passes, HttpContext http, CancellationToken ct) =>
        await passes.FindAsync(id, ct) is { } pass ? TypedResults.Ok(ToResponse(pass, http)) : Problems.NotFound("pass", id);

    private static async Task<Results<Ok<PassResponse>, ProblemHttpResult, ValidationProblem>> Revoke(Guid id, PassService passes, AuditTrail audit, HttpContext http, CancellationToken ct, RevokePassRequest? request = null)
    {
        if (request?.Reason is { Length: > 200 })
        {
            return Problems.Validation(new() { ["reason"] = ["reason must be at most 200 characters."] });
        }

        var pass = await passes.RevokeAsync(id, request?.Reason, ct);
        if (pass is null)
        {
            return Problems.NotFound("pass", id);
        }

        await audit.RecordAsync("pass.revoke", "pass", id.ToString(), pass.RevocationReason, ct);
        return TypedResults.Ok(ToResponse(pass, http));
    }

    private static async Task<Results<Created<PassResponse>, ProblemHttpResult, ValidationProblem>> Reissue(Guid id, PassService passes, AuditTrail audit, HttpContext http, CancellationToken ct, RevokePassRequest? request = null)
    {
        if (request?.Reason is { Length: > 200 })
        {
            return Problems.Validation(new() { ["reason"] = ["reason must be at most 200 characters."] });
        }

        var (old, replacement) = await passes.ReissueAsync(id, request?.Reason, ct);
        if (old is null)
        {
            return Problems.NotFound("pass", id);
        }

        if (replacement is null)
        {
            return TypedResults.Problem(
                title: "The pass was already reissued.", detail: $"Pass '{id}' was replaced by '{old.ReplacedBy}'; reissue that one.",
                statusCode: StatusCodes.Status409Conflict, type: Problems.TypeBase + "already-reissued");
        }

        await audit.RecordAsync("pass.reissue", "pass", id.ToString(), $"replaced by {replacement.Id}", ct);
        return TypedResults.Created($"/api/v1/passes/{replacement.Id}", ToResponse(replacement, http));
    }

    /// <summary>Always 200 with a verdict for any token; a 400 only when the body is not JSON.</summary>
    private static async Task<Ok<VerifyResponse>> Verify(VerifyRequest request, PassService passes, CancellationToken ct)
    {
        var (verdict, token, pass) = await passes.VerifyAsync(request.Token, new DateTimeOffset(passes.UtcNow), fresh: false, ct);
        var claims = verdict is PassVerdict.Malformed or PassVerdict.UnknownKey or PassVerdict.Tampered ? null : token?.Claims;
        return TypedResults.Ok(new VerifyResponse(
            verdict,
            token?.Format,
            token is null ? null : JwtPassToken.KeyIdText(token.Claims.KeyId),
            claims?.PassId,
            claims?.EventId,
            claims?.ValidFrom.UtcDateTime,
            claims?.ValidUntil.UtcDateTime,
            verdict == PassVerdict.Valid ? pass?.Subject : null));
    }

    private static async Task<IResult> Image(Guid id, string format, PassService passes, HttpContext http, CancellationToken ct, string? token = null)
    {
        format = format.ToLowerInvariant();
        if (Array.IndexOf(Formats, format) < 0)
        {
            return Problems.NotFound("image format", format);
        }

        if (token is not (null or "compact" or "jwt"))
        {
            return Problems.Validation(new() { ["token"] = ["token must be compact or jwt."] });
        }

        var pass = await passes.SnapshotAsync(id, ct);
        if (pass is null)
        {
            return Problems.NotFound("pass", id);
        }

        if (pass.RevokedAt is not null)
        {
            return PassImageLinks.Revoked(id);
        }

        var image = await passes.ImageAsync(pass, token == "jwt" ? PassTokenFormat.Jwt : PassTokenFormat.Compact, format, ct);
        var result = ImageResults.Send(http, image, format, 0);
        http.Response.Headers.CacheControl = "private, no-cache"; // revalidated (304 by ETag): a revoked pass's image stops at once
        return result;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ForgetCache(Guid id, PassService passes, CancellationToken ct)
    {
        if (await passes.FindAsync(id, ct) is null)
        {
            return Problems.NotFound("pass", id);
        }

        await passes.ForgetAsync(id, ct);
        return TypedResults.NoContent();
    }

    internal static PassResponse ToResponse(Pass p, HttpContext http)
    {
        var baseUrl = PublicUrls.BaseUrl(http) + $"/api/v1/passes/{p.Id}/image.";
        return new PassResponse(
            p.Id, p.EventId, p.SubjectId, JwtPassToken.KeyIdText((uint)p.KeyId), p.ValidFrom, p.ValidUntil,
            p.RevokedAt is null ? "active" : "revoked",
            p.Token, p.Jwt, baseUrl + "png", new PassImageUrls(baseUrl + "png", baseUrl + "svg", baseUrl + "pdf"),
            p.CreatedAt, p.RevokedAt, p.RevocationReason, p.ReplacedBy, p.IsInside, p.InsideCheckpoint);
    }
}
