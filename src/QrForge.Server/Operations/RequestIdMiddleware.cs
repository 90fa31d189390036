using System.Diagnostics;

namespace QrForge.Server.Operations;

/// <summary>
/// Honours a caller's <c>X-Request-Id</c> (up to 128 visible ASCII characters) or makes one, returns it, and
/// puts it with the trace id and the client address into the logging scope of the request.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsAcceptable(incoming) ? incoming : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        using (logger.BeginScope(new Dictionary<string, object?>
        {
            ["RequestId"] = id,
            ["TraceId"] = Activity.Current?.TraceId.ToString(),
            // After Edge/UseTrustedProxies: the connection's address, or the client a trusted proxy named.
            ["ClientAddress"] = context.Connection.RemoteIpAddress?.ToString(),
        }))
        {
            await next(context);
        }
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => c is > ' ' and < (char)127);
}
