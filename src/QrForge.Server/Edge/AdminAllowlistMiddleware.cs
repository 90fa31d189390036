using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;

namespace QrForge.Server.Edge;

/// <summary>
/// Answers 403 (problem details) to any request for <c>/api/v1/admin</c> and below — every method, whether a
/// route exists or not, before authentication runs — and, when <see cref="AdminAccessOptions.RestrictMetrics"/>
/// is on, for <c>/metrics</c>, unless the client address (after trusted forwarded headers) lies in
/// <see cref="AdminAccessOptions.AllowedNetworks"/> (default: loopback only).
/// </summary>
public sealed partial class AdminAllowlistMiddleware
{
    /// <summary>The prefix of the cross-tenant administration endpoints.</summary>
    public const string AdminPrefix = "/api/v1/admin";

    private readonly RequestDelegate _next;
    private readonly NetworkList _allowed;
    private readonly bool _restrictMetrics;
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<AdminAllowlistMiddleware> _logger;

    public AdminAllowlistMiddleware(RequestDelegate next, IOptions<EdgeOptions> options, IProblemDetailsService problems, ILogger<AdminAllowlistMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        var admin = options.Value.Admin;
        _allowed = admin.AllowedNetworks.Count == 0 ? NetworkList.Loopback : NetworkList.Parse(admin.AllowedNetworks);
        _restrictMetrics = admin.RestrictMetrics;
        _problems = problems;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!IsRestricted(context.Request.Path) || _allowed.Contains(context.Connection.RemoteIpAddress))
        {
            return _next(context);
        }

        return RefuseAsync(context);
    }

    /// <summary>True for the admin prefix (any case, repeated slashes collapsed, as routing matches it) and, if restricted, <c>/metrics</c>.</summary>
    internal bool IsRestricted(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.Contains("//", StringComparison.Ordinal))
        {
            path = new PathString(CollapseSlashes().Replace(value, "/"));
        }

        return path.StartsWithSegments(AdminPrefix, StringComparison.OrdinalIgnoreCase)
            || (_restrictMetrics && path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase));
    }

    private async Task RefuseAsync(HttpContext context)
    {
        Log.Refused(_logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed from this network.",
                Detail = "Administration is only reachable from the networks in QrForge:Edge:Admin:AllowedNetworks.",
                Type = Problems.TypeBase + "network-not-allowed",
            },
        });
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex CollapseSlashes();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Refused {Method} {Path} from {ClientAddress}: not in the admin networks")]
        public static partial void Refused(ILogger logger, string method, PathString path, string clientAddress);
    }
}
