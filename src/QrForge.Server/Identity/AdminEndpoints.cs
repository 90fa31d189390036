using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

public static class AdminEndpoints
{
    /// <summary>
    /// Maps <c>/api/v1/admin</c>: tenants, users and keys across tenants, and signing-key rotation. For admins of
    /// the default (operating) tenant, and only from the admin networks (see docs/security.md).
    /// </summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.SystemAdmin);
        group.MapGet("/tenants", ListTenants).WithName("AdminListTenants");
        group.MapPost("/tenants", CreateTenant).WithName("AdminCreateTenant");
        group.MapGet("/users", ListUsers).WithName("AdminListUsers");
        group.MapPost("/users", AddUser).WithName("AdminAddUser");
        group.MapGet("/api-keys", ListKeys).WithName("AdminListApiKeys");
        group.MapDelete("/api-keys/{id:guid}", RevokeKey).WithName("AdminRevokeApiKey");
        group.MapPost("/signing-keys/rotate", RotateSigningKey).WithName("AdminRotateSigningKey");
        return app;
    }

    private static async Task<Ok<List<TenantResponse>>> ListTenants(QrForgeDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<Tenant>().AsNoTracking().OrderBy(t => t.CreatedAt).Take(10_000).Select(t => TenantResponse.From(t)).ToListAsync(ct));

    private static async Task<Results<Created<TenantResponse>, ValidationProblem>> CreateTenant(CreateTenantRequest request, AccountService accounts, AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var tenant = await accounts.CreateTenantAsync(request.Name, errors, ct);
        if (tenant is null)
        {
            return Problems.Validation(errors);
        }

        await audit.RecordAsync("tenant.create", "tenant", tenant.Id.ToString(), $"tenant '{tenant.Name}'", ct);
        return TypedResults.Created($"/api/v1/admin/tenants/{tenant.Id}", TenantResponse.From(tenant));
    }

    private static async Task<Ok<List<MemberResponse>>> ListUsers(QrForgeDbContext db, CancellationToken ct, Guid? tenantId = null)
    {
        var memberships = db.Set<Membership>().IgnoreQueryFilters().AsNoTracking();
        if (tenantId is { } id)
        {
            memberships = memberships.Where(m => m.TenantId == id);
        }

        return TypedResults.Ok(await UserEndpoints.Members(memberships).Take(10_000).ToListAsync(ct));
    }

    private static async Task<Results<Created<MemberResponse>, ValidationProblem>> AddUser(
        AdminAddUserRequest request, AccountService accounts, QrForgeDbContext db, AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.TenantId is not { } tenantId || !await db.Set<Tenant>().AnyAsync(t => t.Id == tenantId, ct))
        {
            return Problems.Validation(new() { ["tenant_id"] = ["tenant_id must name an existing tenant."] });
        }

        var added = await accounts.AddMemberAsync(tenantId, request.Email, request.Password, request.Role, errors, ct);
        if (added is not { } made)
        {
            return Problems.Validation(errors);
        }

        await audit.RecordAsync(made.CreatedUser ? "user.create" : "user.role_change", "user", made.User.Id.ToString(), $"{made.User.Email} is {made.Membership.Role} in tenant {tenantId}", ct);
        return TypedResults.Created($"/api/v1/admin/users/{made.User.Id}", new MemberResponse(made.User.Id, made.User.Email, made.Membership.Role, tenantId, made.Membership.CreatedAt, false));
    }

    private static async Task<Ok<List<ApiKeyResponse>>> ListKeys(QrForgeDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking().OrderByDescending(k => k.Id).Take(10_000)
            .Select(k => ApiKeyResponse.From(k, null)).ToListAsync(ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid id, ApiKeyService keys, AuditTrail audit, CancellationToken ct)
    {
        var key = await keys.RevokeAsync(id, anyTenant: true, ct);
        if (key is null)
        {
            return Problems.NotFound("API key", id);
        }

        await audit.RecordAsync("api_key.revoke", "api_key", key.Id.ToString(), $"key '{key.Name}' of tenant {key.TenantId} revoked by a system admin", ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<KeyRotation>> RotateSigningKey(JwtKeyRing ring, AuditTrail audit, CancellationToken ct)
    {
        var kid = await ring.RotateAsync(ct);
        await audit.RecordAsync("signing_key.rotate", "signing_key", kid, "new access-token signing key; it signs once published", ct);
        return TypedResults.Ok(new KeyRotation(kid));
    }
}
