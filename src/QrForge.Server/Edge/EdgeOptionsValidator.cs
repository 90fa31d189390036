using Microsoft.Extensions.Options;

namespace QrForge.Server.Edge;

/// <summary>Checks <c>QrForge:Edge</c> at start; each failure names its configuration key.</summary>
public sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    private const string Prefix = "QrForge:Edge:";

    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var edge = options;
        var failures = new List<string>();
        Networks(edge.KnownProxies, "KnownProxies", failures);
        Networks(edge.KnownNetworks, "KnownNetworks", failures);
        Networks(edge.Admin.AllowedNetworks, "Admin:AllowedNetworks", failures);
        if (edge.ForwardLimit is < 1 or > 20)
        {
            failures.Add($"{Prefix}ForwardLimit must be 1-20.");
        }

        var limits = edge.RateLimits;
        if (limits.MaxClients is < 1 or > 10_000_000)
        {
            failures.Add($"{Prefix}RateLimits:MaxClients must be 1-10000000.");
        }

        if (limits.OverflowPermitLimit is < 1 or > 1_000_000_000)
        {
            failures.Add($"{Prefix}RateLimits:OverflowPermitLimit must be 1-1000000000.");
        }

        Policy(limits.Anonymous, "Anonymous", failures);
        Policy(limits.Authenticated, "Authenticated", failures);
        Policy(limits.Login, "Login", failures);

        if (edge.Headers.HstsMaxAge < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}Headers:HstsMaxAge must not be negative.");
        }

        if (!IsToken(edge.Headers.ReferrerPolicy))
        {
            failures.Add($"{Prefix}Headers:ReferrerPolicy must be a Referrer-Policy value such as strict-origin-when-cross-origin.");
        }

        Cors(edge.Cors, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Networks(List<string> entries, string key, List<string> failures)
    {
        if (!NetworkList.TryParse(entries, out _, out var invalid))
        {
            failures.Add($"{Prefix}{key}: '{invalid}' is not an IP address or a CIDR network such as 10.0.0.0/8 (no bits set after the prefix).");
        }
    }

    private static void Policy(RateLimitPolicyOptions policy, string key, List<string> failures)
    {
        if (policy.PermitLimit is < 1 or > 1_000_000_000)
        {
            failures.Add($"{Prefix}RateLimits:{key}:PermitLimit must be 1-1000000000.");
        }

        if (policy.Window < TimeSpan.FromSeconds(1) || policy.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}RateLimits:{key}:Window must be 00:00:01 to 1.00:00:00.");
        }
    }

    private static void Cors(CorsSettings cors, List<string> failures)
    {
        foreach (var origin in cors.AllowedOrigins)
        {
            if (origin == "*")
            {
                if (cors.AllowCredentials)
                {
                    failures.Add($"{Prefix}Cors:AllowCredentials cannot be combined with the origin '*'.");
                }

                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                failures.Add($"{Prefix}Cors:AllowedOrigins: '{origin}' must be an origin such as https://app.example.com (scheme, host, optional port; no path) or '*'.");
            }
        }

        foreach (var value in cors.AllowedMethods.Concat(cors.AllowedHeaders).Concat(cors.ExposedHeaders))
        {
            if (!IsToken(value))
            {
                failures.Add($"{Prefix}Cors: '{value}' is not a valid method or header name.");
            }
        }

        if (cors.PreflightMaxAge < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}Cors:PreflightMaxAge must not be negative.");
        }
    }

    // An HTTP token (RFC 9110 §5.6.2): what a header name, a method or a Referrer-Policy value may hold.
    private static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value) && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
