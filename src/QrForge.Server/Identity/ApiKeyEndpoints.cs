using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

public static class ApiKeyEndpoints
{
    /// <summary>Maps <c>/api/v1/api-keys</c>: the tenant's keys, for its admins.</summary>
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Create).WithName("CreateApiKey");
        group.MapGet("/", List).WithName("ListApiKeys");
        group.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey");
        return app;
    }

    private static async Task<Results<Created<ApiKeyResponse>, ValidationProblem>> Create(
        CreateApiKeyRequest request, ApiKeyService keys, TenantContext tenant, TimeProvider clock, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = ["name must be 1-100 characters."];
        }

        AccountService.ValidateRole(request.Role, errors);
        var now = clock.GetUtcNow();
        if (request.ExpiresAt is { } expires && (expires <= now || expires > now.AddYears(10)))
        {
            errors["expires_at"] = ["expires_at must be in the future and at most ten years away."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var creator = Guid.TryParse(http.User.FindFirst(ClaimNames.Subject)?.Value, out var id) ? id : (Guid?)null;
        var (key, secret) = await keys.CreateAsync(tenant.TenantId, name!, request.Role!, request.ExpiresAt?.UtcDateTime, creator, ct);
        await audit.RecordAsync("api_key.create", "api_key", key.Id.ToString(), $"key '{key.Name}' ({key.Hint}…) with role {key.Role}", ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", ApiKeyResponse.From(key, secret));
    }

    private static async Task<Ok<List<ApiKeyResponse>>> List(QrForgeDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<ApiKey>().AsNoTracking().OrderByDescending(k => k.Id).Take(1000)
            .Select(k => ApiKeyResponse.From(k, null)).ToListAsync(ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, ApiKeyService keys, AuditTrail audit, CancellationToken ct)
    {
        var key = await keys.RevokeAsync(id, anyTenant: false, ct);
        if (key is null)
        {
            return Problems.NotFound("API key", id);
        }

        await audit.RecordAsync("api_key.revoke", "api_key", key.Id.ToString(), $"key '{key.Name}' revoked", ct);
        return TypedResults.NoContent();
    }
}
