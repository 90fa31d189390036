using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>
/// Sets the request's tenant from the signed-in principal, after authentication and before anything queries.
/// Anonymous requests stay in the default tenant, where the public, original endpoints keep their codes.
/// </summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            // A principal without a readable tenant claim sees no tenant's data (the empty tenant owns nothing).
            tenant.TenantId = Guid.TryParse(context.User.FindFirst(ClaimNames.Tenant)?.Value, out var id) ? id : Guid.Empty;
        }

        return next(context);
    }
}
