using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;

namespace QrForge.Server.Edge;

/// <summary>
/// The edge of the service: trusted proxies, per-client rate limits, the admin allowlist, security headers and
/// CORS, all from <c>QrForge:Edge</c> (see docs/security.md). Pipeline order, in <c>ServerApp</c>:
/// <c>UseTrustedProxies</c> first, then operations, <c>UseEdge</c>, authentication and authorization, then
/// <c>UseRateLimiter</c> (it partitions by the signed-in principal).
/// </summary>
public static class EdgeExtensions
{
    private static readonly string[] DefaultMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] DefaultHeaders = ["Authorization", "Content-Type", "X-Api-Key", "X-Request-Id", "If-None-Match"];
    private static readonly string[] DefaultExposedHeaders = ["Location", "ETag", "Retry-After", "X-Request-Id"];

    public static IServiceCollection AddEdge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<EdgeOptions>>((forwarded, options) =>
        {
            var edge = options.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = edge.ForwardLimit;
            // The platform trusts loopback by default; here nothing is trusted that is not configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in NetworkList.Parse(edge.KnownProxies.Concat(edge.KnownNetworks)).Networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });

        services.AddSingleton<ClientRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<EdgeOptions>, IServiceProvider>((limiter, options, provider) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteTooManyRequestsAsync;
            if (options.Value.RateLimits.Enabled)
            {
                limiter.GlobalLimiter = provider.GetRequiredService<ClientRateLimiter>();
            }

            // A marker only: ClientRateLimiter counts the login table itself (bounded like the others).
            limiter.AddPolicy(RateLimits.Login, _ => RateLimitPartition.GetNoLimiter(RateLimits.Login));
        });

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<EdgeOptions>>((cors, options) =>
        {
            var settings = options.Value.Cors;
            if (settings.AllowedOrigins.Count == 0)
            {
                return;
            }

            cors.AddDefaultPolicy(policy =>
            {
                if (settings.AllowedOrigins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. settings.AllowedOrigins]);
                }

                policy.WithMethods(settings.AllowedMethods.Count == 0 ? DefaultMethods : [.. settings.AllowedMethods])
                    .WithHeaders(settings.AllowedHeaders.Count == 0 ? DefaultHeaders : [.. settings.AllowedHeaders])
                    .WithExposedHeaders(settings.ExposedHeaders.Count == 0 ? DefaultExposedHeaders : [.. settings.ExposedHeaders])
                    .SetPreflightMaxAge(settings.PreflightMaxAge);
                if (settings.AllowCredentials)
                {
                    policy.AllowCredentials();
                }
            });
        });
        return services;
    }

    /// <summary>
    /// Applies <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> from configured proxies only; does nothing when no
    /// proxy is configured. Must be the first middleware, before anything reads the client address or scheme.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var edge = app.Services.GetRequiredService<IOptions<EdgeOptions>>().Value;
        if (edge.KnownProxies.Count > 0 || edge.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>Security headers, the admin allowlist and (when origins are configured) CORS; before authentication.</summary>
    public static WebApplication UseEdge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<AdminAllowlistMiddleware>();
        if (app.Services.GetRequiredService<IOptions<EdgeOptions>>().Value.Cors.AllowedOrigins.Count > 0)
        {
            app.UseCors();
        }

        return app;
    }

    /// <summary>429 as problem details with <c>Retry-After</c> in whole seconds.</summary>
    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"The rate limit for this client is used up; try again in {seconds} s.",
                Type = Problems.TypeBase + "rate-limited",
            },
        });
    }
}
