using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

public static class AuthEndpoints
{
    /// <summary>Maps sign-in, refresh and sign-out under <c>/api/v1/auth</c>, and <c>GET /api/v1/me</c>.</summary>
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/login", Login).WithName("Login").RequireRateLimiting(Edge.RateLimits.Login);
        group.MapPost("/refresh", Refresh).WithName("Refresh");
        group.MapPost("/logout", Logout).WithName("Logout");
        app.MapGet("/api/v1/me", Me).WithTags("Auth").WithName("Me").RequireAuthorization();
        return group;
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult, ValidationProblem>> Login(
        LoginRequest request, AccountService accounts, TokenService tokens, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254)
        {
            errors["email"] = ["email is required (at most 254 characters)."];
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
        {
            errors["password"] = ["password is required (at most 1024 characters)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // The address after the forwarded-headers middleware: failures are throttled per account and client.
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var signedIn = await accounts.SignInAsync(request.Email!, request.Password!, request.TenantId, client, ct);
        if (signedIn is not { } result)
        {
            // One answer for an unknown email, a wrong password, a delayed or disabled account and a missing membership.
            return InvalidCredentials();
        }

        var pair = await tokens.IssueAsync(result.User.Id, result.Membership.TenantId, result.Membership.Role, ct);
        await audit.RecordAsAsync(result.Membership.TenantId, "user", result.User.Id, "auth.login", "user", result.User.Id.ToString(), $"signed in as {result.Membership.Role}", ct);
        return TypedResults.Ok(pair);
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult, ValidationProblem>> Refresh(RefreshRequest request, TokenService tokens, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return Problems.Validation(new() { ["refresh_token"] = ["refresh_token is required."] });
        }

        var pair = await tokens.RefreshAsync(request.RefreshToken, ct);
        return pair is null
            ? TypedResults.Problem(title: "The refresh token is not valid.", detail: "Sign in again.", statusCode: StatusCodes.Status401Unauthorized, type: Problems.TypeBase + "invalid-refresh-token")
            : TypedResults.Ok(pair);
    }

    private static async Task<Results<NoContent, ValidationProblem>> Logout(RefreshRequest request, TokenService tokens, AuditTrail audit, TenantContext tenant, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 100)
        {
            return Problems.Validation(new() { ["refresh_token"] = ["refresh_token is required."] });
        }

        if (await tokens.RevokeAsync(request.RefreshToken, ct) is { } userId)
        {
            await audit.RecordAsAsync(tenant.TenantId, "user", userId, "auth.logout", "user", userId.ToString(), "signed out", ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Ok<MeResponse>> Me(HttpContext http, QrForgeDbContext db, TenantContext tenant, CancellationToken ct)
    {
        var user = http.User;
        var kind = user.FindFirst(ClaimNames.Kind)?.Value ?? "user";
        var id = Guid.Parse(user.FindFirst(ClaimNames.Subject)!.Value);
        var role = user.FindFirst(ClaimNames.Role)?.Value ?? "";
        var tenantName = await db.Set<Tenant>().Where(t => t.Id == tenant.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        var email = kind == "user" ? await db.Set<User>().Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(ct) : null;
        return TypedResults.Ok(new MeResponse(kind, id, email, user.FindFirst("name")?.Value, tenant.TenantId, tenantName, role));
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(title: "The email or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, type: Problems.TypeBase + "invalid-credentials");
}
