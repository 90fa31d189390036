using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>Signing keys: the admin API (<c>/api/v1/keys</c>) and the public key set for offline verifiers.</summary>
public static class KeyEndpoints
{
    /// <summary>Where the public keys are published (anonymous).</summary>
    public const string WellKnownPath = "/.well-known/qrforge-keys.json";

    public static IEndpointRouteBuilder MapPassKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/keys").WithTags("Passes");
        group.MapGet("/", List).WithName("ListSigningKeys").RequireAuthorization(Policies.Admin);
        group.MapPost("/rotate", Rotate).WithName("RotateSigningKey").RequireAuthorization(Policies.Admin);
        group.MapPost("/{kid}/retire", Retire).WithName("RetireSigningKey").RequireAuthorization(Policies.Admin);
        app.MapGet(WellKnownPath, Published).WithName("PublishedPassKeys").WithTags("Passes").AllowAnonymous();
        return app;
    }

    private static async Task<Ok<List<SigningKeyResponse>>> List(QrForgeDbContext db, CancellationToken ct)
    {
        var keys = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(keys.Select(ToResponse).ToList());
    }

    private static async Task<Created<SigningKeyResponse>> Rotate(PassKeyRing ring, TenantContext tenant, AuditTrail audit, CancellationToken ct)
    {
        var key = await ring.RotateAsync(tenant.TenantId, ct);
        var response = ToResponse(key);
        await audit.RecordAsync("key.rotate", "signing_key", response.Kid, "new signing key; earlier keys verify only", ct);
        return TypedResults.Created($"/api/v1/keys/{response.Kid}", response);
    }

    private static async Task<Results<Ok<SigningKeyResponse>, ProblemHttpResult>> Retire(string kid, PassKeyRing ring, TenantContext tenant, AuditTrail audit, CancellationToken ct)
    {
        if (!JwtPassToken.TryParseKeyId(kid, out var id))
        {
            return Problems.NotFound("signing key", kid);
        }

        var (key, wasActive) = await ring.RetireAsync(tenant.TenantId, id, ct);
        if (key is null)
        {
            return Problems.NotFound("signing key", kid);
        }

        if (wasActive)
        {
            return TypedResults.Problem(
                title: "The active key cannot be retired.", detail: "Rotate first (POST /api/v1/keys/rotate); the old key then verifies only and can be retired.",
                statusCode: StatusCodes.Status409Conflict, type: Problems.TypeBase + "active-key");
        }

        await audit.RecordAsync("key.retire", "signing_key", kid, "tokens signed by this key are refused from now on", ct);
        return TypedResults.Ok(ToResponse(key));
    }

    /// <summary>A JWK set (RFC 7517) of every key that still verifies, with <c>tenant_id</c> and <c>status</c> added.</summary>
    private static async Task<Ok<PublishedKeys>> Published(PassKeyRing ring, HttpContext http, CancellationToken ct)
    {
        var keys = await ring.PublishedAsync(ct);
        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new PublishedKeys([.. keys.Select(k => new PublishedKey(
            "EC", "P-256", "ES256", "sig", JwtPassToken.KeyIdText((uint)k.Id),
            Base64Url.EncodeToString(k.PublicX), Base64Url.EncodeToString(k.PublicY),
            k.TenantId, k.Status, k.CreatedAt))]));
    }

    private static SigningKeyResponse ToResponse(SigningKey k) => new(JwtPassToken.KeyIdText((uint)k.Id), k.Status, k.CreatedAt, k.RotatedAt, k.RetiredAt);
}
