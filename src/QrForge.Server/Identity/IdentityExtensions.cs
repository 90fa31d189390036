using QrForge.Server.Audit;

namespace QrForge.Server.Identity;

public static class IdentityExtensions
{
    /// <summary>Registers authentication, the role policies and the audit trail.</summary>
    public static IServiceCollection AddIdentity(this IServiceCollection services)
    {
        // Until sign-in lands every policy admits everyone; the policy names are the contract features use.
        services.AddAuthentication();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireAssertion(_ => true))
            .AddPolicy(Policies.Write, p => p.RequireAssertion(_ => true))
            .AddPolicy(Policies.Scan, p => p.RequireAssertion(_ => true))
            .AddPolicy(Policies.Admin, p => p.RequireAssertion(_ => true));
        services.AddScoped<AuditTrail>();
        return services;
    }
}
