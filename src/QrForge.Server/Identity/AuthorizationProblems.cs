using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using QrForge.Server.Api;

namespace QrForge.Server.Identity;

/// <summary>
/// 401 and 403 as problem details that say what to do: how to authenticate (a bearer access token from
/// <c>POST /api/v1/auth/login</c>, or an API key in <c>X-Api-Key</c>), and which roles the operation needs
/// next to the role the caller has. The challenge itself (<c>WWW-Authenticate</c>) is the scheme's, as before.
/// </summary>
public sealed class AuthorizationProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    public const string HowToAuthenticate =
        "Send 'Authorization: Bearer <access token>' (POST /api/v1/auth/login with email and password gives one) or 'X-Api-Key: <key>'.";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Succeeded || context.Response.HasStarted)
        {
            return;
        }

        var problem = context.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = Problems.TypeBase + "unauthenticated",
                Title = "Authentication is required.",
                Detail = (context.Request.Headers.Authorization.Count > 0 || context.Request.Headers.ContainsKey("X-Api-Key")
                    ? "The credentials sent are invalid or expired. "
                    : "No credentials were sent. ") + HowToAuthenticate,
            },
            StatusCodes.Status403Forbidden => Forbidden(context, policy),
            _ => null,
        };
        if (problem is null)
        {
            return;
        }

        problem.Extensions["request_id"] = context.TraceIdentifier;
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static ProblemDetails Forbidden(HttpContext context, AuthorizationPolicy policy)
    {
        var roles = policy.Requirements.OfType<ClaimsAuthorizationRequirement>()
            .Where(r => r.ClaimType == ClaimNames.Role)
            .SelectMany(r => r.AllowedValues ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var operating = policy.Requirements.OfType<ClaimsAuthorizationRequirement>().Any(r => r.ClaimType == ClaimNames.Tenant);
        var held = context.User.FindFirst(ClaimNames.Role)?.Value;
        var needed = roles.Count == 0 ? "a different role" : "the role " + string.Join(" or ", roles);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = Problems.TypeBase + "forbidden",
            Title = "Your role does not allow this.",
            Detail = $"This operation needs {needed}{(operating ? " in the operating (default) tenant" : "")}; you have {held ?? "no role"}. An admin of the tenant can change roles (PATCH /api/v1/users/{{id}}).",
        };
        problem.Extensions["required_roles"] = roles;
        return problem;
    }
}
