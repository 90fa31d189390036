using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using QrForge.Server.Jobs;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

public static class IdentityExtensions
{
    /// <summary>The scheme that picks API-key or JWT authentication by what the request carries.</summary>
    public const string Scheme = "QrForge";

    /// <summary>Registers authentication (JWT access tokens and API keys), the role policies and the audit trail.</summary>
    public static IServiceCollection AddIdentity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "JWT or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.SecretOf(context.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Read, p => p.RequireClaim(ClaimNames.Role, Roles.Viewer, Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Write, p => p.RequireClaim(ClaimNames.Role, Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Scan, p => p.RequireClaim(ClaimNames.Role, Roles.Scanner, Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireClaim(ClaimNames.Role, Roles.Admin))
            .AddPolicy(Policies.SystemAdmin, p => p
                .RequireClaim(ClaimNames.Role, Roles.Admin)
                .RequireClaim(ClaimNames.Tenant, TenantContext.DefaultTenantId.ToString()));

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        services.AddHttpContextAccessor();
        services.AddSingleton<JwtKeyRing>();
        services.AddSingleton<CachingTokenHandler>();
        services.AddHostedService(sp => sp.GetRequiredService<JwtKeyRing>());
        services.AddScoped<TokenService>();
        services.AddScoped<AccountService>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<ICleanupStep, RefreshTokenCleanup>();
        services.AddHostedService<BootstrapAdmin>();
        return services;
    }

    /// <summary>Authentication, the request's tenant, then authorization.</summary>
    public static WebApplication UseIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Access-token validation pinned to ES256, the configured issuer and audience, the <c>at+jwt</c> type, the
    /// key ring's key ids and lifetimes on the service's clock: no <c>alg: none</c>, no HMAC with a public key.
    /// </summary>
    private sealed class ConfigureJwtBearer(JwtKeyRing keys, CachingTokenHandler handler, TimeProvider clock, IOptions<AuthOptions> options) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions o)
        {
            var settings = options.Value;
            var skew = TimeSpan.FromSeconds(settings.ClockSkewSeconds);
            o.MapInboundClaims = false;
            handler.MapInboundClaims = false;
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(handler);
            o.RefreshOnIssuerKeyNotFound = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                ValidTypes = [TokenService.AccessTokenType],
                IssuerSigningKeyResolver = (_, _, kid, _) => keys.Resolve(kid),
                RequireSignedTokens = true,
                ClockSkew = skew,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                LifetimeValidator = (notBefore, expires, _, _) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return expires is { } e && now <= e + skew && (notBefore is not { } nb || nb - skew <= now);
                },
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = ClaimNames.Role,
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }

    /// <summary>Maps sign-in, API keys, the tenant's users and the system administration.</summary>
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        app.MapAuth();
        app.MapApiKeys();
        app.MapUsers();
        app.MapInvitations();
        app.MapAdmin();
        return app;
    }
}
