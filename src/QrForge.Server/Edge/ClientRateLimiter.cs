using System.Buffers.Binary;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using QrForge.Server.Identity;
using QrForge.Server.Operations;

namespace QrForge.Server.Edge;

/// <summary>
/// The global limiter of the platform's rate limiting middleware: a fixed window per client, where the client is
/// the principal (<see cref="ClaimNames.Subject"/>) of an authenticated request and the address of any other
/// (IPv4 per address, IPv6 per /64, after trusted forwarded headers). Endpoints marked
/// <see cref="RateLimits.Login"/> are also counted in the login table. Each table is bounded
/// (<see cref="RateLimitsOptions.MaxClients"/>); <c>/health</c>, <c>/ready</c> and <c>/metrics</c> are not limited.
/// </summary>
/// <remarks>No queue: a request over the limit is refused at once with how long to wait.</remarks>
public sealed class ClientRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly TimeProvider _clock;
    private readonly WindowTable<UInt128> _anonymous;
    private readonly WindowTable<string> _authenticated;
    private readonly WindowTable<UInt128> _login;
    private readonly ITimer _sweeper;

    /// <param name="options">The limits (<c>QrForge:Edge:RateLimits</c>).</param>
    /// <param name="clock">Windows are measured in its timestamps.</param>
    /// <param name="meters">Publishes <c>qrforge.rate_limit.clients</c> (clients tracked per table) when given.</param>
    public ClientRateLimiter(IOptions<EdgeOptions> options, TimeProvider clock, IMeterFactory? meters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        var limits = options.Value.RateLimits;
        var now = clock.GetTimestamp();
        _anonymous = Table<UInt128>(limits.Anonymous);
        _authenticated = Table<string>(limits.Authenticated);
        _login = Table<UInt128>(limits.Login);

        // Windows whose time is up are dropped as often as the shortest window, at least once a minute.
        var period = TimeSpan.FromTicks(Math.Clamp(
            Math.Min(limits.Anonymous.Window.Ticks, Math.Min(limits.Authenticated.Window.Ticks, limits.Login.Window.Ticks)),
            TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        _sweeper = clock.CreateTimer(static state => ((ClientRateLimiter)state!).Sweep(), this, period, period);

        meters?.Create(QrForgeMetrics.MeterName).CreateObservableGauge(
            "qrforge.rate_limit.clients",
            () => new Measurement<int>[]
            {
                new(_anonymous.Count, new KeyValuePair<string, object?>("policy", "anonymous")),
                new(_authenticated.Count, new KeyValuePair<string, object?>("policy", "authenticated")),
                new(_login.Count, new KeyValuePair<string, object?>("policy", "login")),
            },
            description: "Clients tracked per rate limit table; at QrForge:Edge:RateLimits:MaxClients newcomers share the overflow partition.");

        WindowTable<TKey> Table<TKey>(RateLimitPolicyOptions policy)
            where TKey : notnull =>
            new(limits.MaxClients, policy.PermitLimit, limits.OverflowPermitLimit, (long)(policy.Window.TotalSeconds * clock.TimestampFrequency), now);
    }

    /// <summary>Clients tracked by the anonymous, authenticated and login tables (for tests and diagnostics).</summary>
    internal (int Anonymous, int Authenticated, int Login) TrackedClients => (_anonymous.Count, _authenticated.Count, _login.Count);

    /// <summary>Drops the windows whose time is up (also run by a timer).</summary>
    internal void Sweep()
    {
        var now = _clock.GetTimestamp();
        _anonymous.Sweep(now);
        _authenticated.Sweep(now);
        _login.Sweep(now);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (permitCount == 0 || IsExempt(resource.Request.Path))
        {
            return Lease.Acquired;
        }

        var now = _clock.GetTimestamp();
        var subject = resource.User.Identity?.IsAuthenticated == true ? resource.User.FindFirst(ClaimNames.Subject)?.Value : null;
        var address = AddressKey(resource.Connection.RemoteIpAddress);
        var wait = subject is not null
            ? _authenticated.TryTake(subject, now, out var taken)
            : _anonymous.TryTake(address, now, out taken);
        if (wait != 0)
        {
            return Refused(wait);
        }

        if (resource.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimits.Login)
        {
            wait = _login.TryTake(address, now, out _);
            if (wait != 0)
            {
                // Only the login limit refused: the request does not use up the client's general allowance.
                taken.Return();
                return Refused(wait);
            }
        }

        return Lease.Acquired;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sweeper.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _sweeper.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private Lease Refused(long wait) => new Lease(TimeSpan.FromSeconds(Math.Ceiling(wait / (double)_clock.TimestampFrequency)));

    private static bool IsExempt(PathString path) =>
        path.Equals("/health", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/ready", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/metrics", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The partition of an address: an IPv4 address (also when IPv4-mapped) as itself in the <c>::ffff:0:0/96</c>
    /// range, an IPv6 address as its /64 (one subscriber's usual allocation, so rotating within it gains
    /// nothing), no address (in-process callers) as 0.
    /// </summary>
    internal static UInt128 AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return UInt128.Zero;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes[12..], out _);
            return new UInt128(0, 0xFFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]));
        }

        address.TryWriteBytes(bytes, out _);
        if (address.IsIPv4MappedToIPv6)
        {
            return new UInt128(0, 0xFFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]));
        }

        return new UInt128(BinaryPrimitives.ReadUInt64BigEndian(bytes), 0);
    }

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
