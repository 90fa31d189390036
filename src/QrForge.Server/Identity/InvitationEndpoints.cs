using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>
/// <c>/api/v1/invitations</c>: how a tenant admin brings a person into the tenant. An invitation names an email and
/// a role and carries a secret token shown once; the admin passes it on, and the person accepts it (anonymously,
/// with the token and their password, or a new password when they have no account yet). Until then no account is
/// touched, and every answer to the admin is the same whether or not the email has an account anywhere.
/// </summary>
public static class InvitationEndpoints
{
    /// <summary>How long an invitation can be accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private const string TokenPrefix = "qri_";

    private static readonly PasswordHasher<User> Hasher = new();

    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/invitations").WithTags("Users");
        group.MapPost("/", Create).WithName("CreateInvitation").RequireAuthorization(Policies.Admin)
            .WithSummary("Invite a person into the tenant")
            .WithDescription("Makes an invitation for an email and a role, and answers with its accept token, shown only here. The answer is the same whether or not the email has an account; no account changes until the invitation is accepted.");
        group.MapGet("/", List).WithName("ListInvitations").RequireAuthorization(Policies.Admin)
            .WithSummary("List the tenant's invitations")
            .WithDescription("The invitations of the caller's tenant, newest first, with their status (pending, accepted, revoked, expired). Never an account id.");
        group.MapDelete("/{id:guid}", Revoke).WithName("RevokeInvitation").RequireAuthorization(Policies.Admin)
            .WithSummary("Revoke an invitation")
            .WithDescription("A revoked invitation can no longer be accepted. Revoking an accepted one changes nothing: remove the member instead.");
        group.MapPost("/accept", Accept).WithName("AcceptInvitation").AllowAnonymous().RequireRateLimiting(Edge.RateLimits.Login)
            .WithSummary("Accept an invitation")
            .WithDescription("The invited person accepts with the token and their password; without an account yet, the password given becomes the new account's. Any failure (unknown, used, revoked or expired token, wrong password) is one answer.");
        return app;
    }

    /// <summary>Makes a pending invitation; shared by <c>POST /api/v1/users</c>. Null with errors when invalid.</summary>
    internal static async Task<(Invitation Invitation, string Token)?> InviteAsync(
        QrForgeDbContext db, TenantContext tenant, HttpContext http, TimeProvider clock, string? email, string? role, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var normalized = AccountService.ValidateEmail(email, errors);
        AccountService.ValidateRole(role, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var token = TokenPrefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.TenantId,
            Email = normalized!,
            Role = role!,
            TokenHash = TokenService.Hash(token),
            InvitedBy = Guid.TryParse(http.User.FindFirst(ClaimNames.Subject)?.Value, out var by) ? by : null,
            CreatedAt = now.UtcDateTime,
            ExpiresAt = (now + Lifetime).UtcDateTime,
        };
        db.Add(invitation);
        await db.SaveChangesAsync(ct);
        return (invitation, token);
    }

    internal static InvitationResponse ToResponse(Invitation i, DateTime now, string? token = null) =>
        new(i.Id, i.Email, i.Role, i.StatusAt(now), i.CreatedAt, i.ExpiresAt, i.AcceptedAt, token);

    private static async Task<Results<Created<InvitationResponse>, ValidationProblem>> Create(
        CreateInvitationRequest request, QrForgeDbContext db, TenantContext tenant, HttpContext http, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await InviteAsync(db, tenant, http, clock, request.Email, request.Role, errors, ct) is not { } made)
        {
            return Problems.Validation(errors);
        }

        await audit.RecordAsync("invitation.create", "invitation", made.Invitation.Id.ToString(), $"{made.Invitation.Email} invited as {made.Invitation.Role}", ct);
        return TypedResults.Created($"/api/v1/invitations/{made.Invitation.Id}", ToResponse(made.Invitation, clock.GetUtcNow().UtcDateTime, made.Token));
    }

    private static async Task<Ok<List<InvitationResponse>>> List(QrForgeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Invitation>().AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(i => ToResponse(i, now)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, QrForgeDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var invitation = await db.Set<Invitation>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return Problems.NotFound("invitation", id);
        }

        if (invitation.AcceptedAt is null && invitation.RevokedAt is null)
        {
            invitation.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("invitation.revoke", "invitation", id.ToString(), invitation.Email, ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AcceptedInvitationResponse>, ProblemHttpResult, ValidationProblem>> Accept(
        AcceptInvitationRequest request, AccountService accounts, QrForgeDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 100 || string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 100)
            {
                errors["token"] = ["token is required: the qri_… token of the invitation."];
            }

            if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
            {
                errors["password"] = ["password is required (at most 1024 characters): yours, or a new one when you have no account yet."];
            }

            return Problems.Validation(errors);
        }

        var hash = TokenService.Hash(request.Token);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.Set<Invitation>().IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || invitation.StatusAt(now) != "pending")
        {
            return NotAccepted();
        }

        var errorsOfPassword = new Dictionary<string, string[]>();
        var joined = await JoinAsync(db, accounts, clock, invitation, request.Password, errorsOfPassword, ct);
        if (errorsOfPassword.Count > 0)
        {
            return Problems.Validation(errorsOfPassword);
        }

        if (joined is not { } made)
        {
            return NotAccepted();
        }

        if (made.CreatedUser)
        {
            await audit.RecordAsAsync(invitation.TenantId, "user", made.User.Id, "user.create", "user", made.User.Id.ToString(), $"{made.User.Email} is {made.Membership.Role}", ct);
        }

        await audit.RecordAsAsync(invitation.TenantId, "user", made.User.Id, "invitation.accept", "invitation", invitation.Id.ToString(), $"{made.User.Email} joined as {made.Membership.Role}", ct);
        var tenantName = await db.Set<Tenant>().Where(t => t.Id == invitation.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new AcceptedInvitationResponse(made.User.Id, made.User.Email, invitation.TenantId, tenantName, made.Membership.Role, made.CreatedUser));
    }

    // The invited email's account proves itself with its password, or is made with the password given; then it
    // becomes a member with the invitation's role (a member already keeps its membership with that role). The
    // invitation is claimed by a conditional update, so a token accepted twice at once joins once.
    private static async Task<(User User, Membership Membership, bool CreatedUser)?> JoinAsync(
        QrForgeDbContext db, AccountService accounts, TimeProvider clock, Invitation invitation, string password, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Email == invitation.Email, ct);
        var created = user is null;
        if (user is null)
        {
            accounts.ValidatePassword(password, errors);
            if (errors.Count > 0)
            {
                return null;
            }

            user = new User { Id = Guid.CreateVersion7(now), Email = invitation.Email, CreatedAt = now.UtcDateTime };
            user.PasswordHash = Hasher.HashPassword(user, password);
            db.Add(user);
        }
        else if (user.DisabledAt is not null || Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<Invitation>().IgnoreQueryFilters()
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now.UtcDateTime), ct);
        if (claimed != 1)
        {
            return null;
        }

        var membership = await db.Set<Membership>().IgnoreQueryFilters().FirstOrDefaultAsync(m => m.TenantId == invitation.TenantId && m.UserId == user.Id, ct);
        if (membership is null)
        {
            membership = new Membership { TenantId = invitation.TenantId, UserId = user.Id, Role = invitation.Role, CreatedAt = now.UtcDateTime };
            db.Add(membership);
        }
        else
        {
            membership.Role = invitation.Role;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (user, membership, created);
    }

    private static ProblemHttpResult NotAccepted() => TypedResults.Problem(
        title: "The invitation or the password is not valid.",
        detail: "Ask the tenant's admin for a new invitation if it has expired or was revoked.",
        statusCode: StatusCodes.Status400BadRequest,
        type: Problems.TypeBase + "invitation-not-accepted");
}
