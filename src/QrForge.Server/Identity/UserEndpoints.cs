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

    /// <summary>
    /// Invites the email with the role (as <c>POST /api/v1/invitations</c>): 202 with the invitation and its accept
    /// token, the same whether or not the email has an account anywhere. Nobody joins until they accept.
    /// </summary>
    private static async Task<Results<Accepted<InvitationResponse>, ValidationProblem>> Add(
        AddUserRequest request, QrForgeDbContext db, TenantContext tenant, HttpContext http, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Password is not null)
        {
            errors["password"] = ["Members are invited: leave password out. The invited person sets their password when accepting (POST /api/v1/invitations/accept)."];
        }

        var made = await InvitationEndpoints.InviteAsync(db, tenant, http, clock, request.Email, request.Role, errors, ct);
        if (made is not { } invited || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await audit.RecordAsync("invitation.create", "invitation", invited.Invitation.Id.ToString(), $"{invited.Invitation.Email} invited as {invited.Invitation.Role}", ct);
        return TypedResults.Accepted($"/api/v1/invitations/{invited.Invitation.Id}", InvitationEndpoints.ToResponse(invited.Invitation, clock.GetUtcNow().UtcDateTime, invited.Token));
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
