using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Operations;

namespace QrForge.Server.Codes;

/// <summary>
/// Bounds what rendering for callers without credentials can cost a node: at most
/// <see cref="CodesOptions.AnonymousRenderConcurrency"/> such renders run at once (default half the processors),
/// a few more wait in a queue, the rest are told to come back (503 with <c>Retry-After</c>). Together with the
/// anonymous size cap (<see cref="CodesOptions.AnonymousMaxImagePixels"/>) and the data cap of
/// <c>/api/v1/render</c>, the CPU anonymous callers can take is bounded whatever they send, so signed-in work,
/// redirects and health checks keep their share. Signed-in callers do not pass through the gate.
/// </summary>
public sealed class AnonymousRenderGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public AnonymousRenderGate(IOptions<QrForgeOptions> options)
    {
        var settings = options.Value.Codes;
        Concurrency = settings.AnonymousRenderConcurrency > 0 ? settings.AnonymousRenderConcurrency : Math.Max(1, Environment.ProcessorCount / 2);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Concurrency,
            QueueLimit = settings.AnonymousRenderQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Anonymous renders allowed at once.</summary>
    public int Concurrency { get; }

    /// <summary>A slot (dispose it when the render is done); <c>IsAcquired</c> is false when the queue is full.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    /// <summary>Whether the caller has no credentials (no authenticated identity).</summary>
    public static bool IsAnonymous(HttpContext http) => http.User.Identity?.IsAuthenticated != true;

    /// <summary>503 for an anonymous render that found no slot.</summary>
    public static IResult Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            title: "Too many anonymous renders at once.",
            detail: "The service renders a bounded number of images at once for callers without credentials. Retry in a second, or sign in (or send an API key).",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: Problems.TypeBase + "render-busy");
    }

    public void Dispose() => _limiter.Dispose();
}
