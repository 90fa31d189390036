using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

public static class UserEndpoints
{
    /// <summary>Maps <c>/api/v1/users</c>: the members of the caller's tenant, managed by its admins.</summary>
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("ListUsers");
        group.MapPost("/", Add).WithName("AddUser");
        group.MapPatch("/{id:guid}", ChangeRole).WithName("ChangeUserRole");
        group.MapDelete("/{id:guid}", Remove).WithName("RemoveUser");
        return app;
    }

    internal static IQueryable<MemberResponse> Members(IQueryable<Membership> memberships) =>
        memberships.OrderBy(m => m.CreatedAt).Select(m => new MemberResponse(m.UserId, m.User!.Email, m.Role, m.TenantId, m.CreatedAt, m.User.DisabledAt != null));

    private static async Task<Ok<List<MemberResponse>>> List(QrForgeDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Members(db.Set<Membership>().AsNoTracking()).Take(10_000).ToListAsync(ct));

    private static async Task<Results<Created<MemberResponse>, ValidationProblem>> Add(
        AddUserRequest request, AccountService accounts, TenantContext tenant, AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var added = await accounts.AddMemberAsync(tenant.TenantId, request.Email, request.Password, request.Role, errors, ct);
        if (added is not { } made)
        {
            return Problems.Validation(errors);
        }

        await audit.RecordAsync(made.CreatedUser ? "user.create" : "user.role_change", "user", made.User.Id.ToString(), $"{made.User.Email} is {made.Membership.Role}", ct);
        return TypedResults.Created($"/api/v1/users/{made.User.Id}", new MemberResponse(made.User.Id, made.User.Email, made.Membership.Role, tenant.TenantId, made.Membership.CreatedAt, made.User.DisabledAt is not null));
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult, ValidationProblem>> ChangeRole(
        Guid id, ChangeRoleRequest request, QrForgeDbContext db, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var membership = await db.Set<Membership>().Include(m => m.User).FirstOrDefaultAsync(m => m.UserId == id, ct);
        if (membership is null)
        {
            return Problems.NotFound("user", id);
        }

        var errors = new Dictionary<string, string[]>();
        AccountService.ValidateRole(request.Role, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (IsSelf(http, id) && request.Role != Roles.Admin)
        {
            return Problems.Validation(new() { ["role"] = ["An admin cannot lower their own role; ask another admin."] });
        }

        var before = membership.Role;
        membership.Role = request.Role!;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("user.role_change", "user", id.ToString(), $"{membership.User!.Email}: {before} -> {membership.Role}", ct);
        return TypedResults.Ok(new MemberResponse(id, membership.User.Email, membership.Role, membership.TenantId, membership.CreatedAt, membership.User.DisabledAt is not null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Remove(Guid id, QrForgeDbContext db, AuditTrail audit, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (IsSelf(http, id))
        {
            return Problems.Validation(new() { ["id"] = ["An admin cannot remove themselves; ask another admin."] });
        }

        var removed = await db.Set<Membership>().Where(m => m.UserId == id).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return Problems.NotFound("user", id);
        }

        // Their sign-ins into this tenant end now; access tokens already issued run out within their lifetime.
        var tenantId = db.TenantId;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<RefreshToken>().Where(t => t.UserId == id && t.TenantId == tenantId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        await audit.RecordAsync("user.remove", "user", id.ToString(), "removed from the tenant", ct);
        return TypedResults.NoContent();
    }

    private static bool IsSelf(HttpContext http, Guid id) => http.User.FindFirst(ClaimNames.Subject)?.Value == id.ToString();
}
