using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace QrForge.Server.Api;

/// <summary>
/// Kestrel's connection limits, tighter than the platform's defaults where those let idle or slow clients hold
/// connections (an idle keep-alive connection was held 130 s with no cap on their number). Each value can be set
/// under <c>Kestrel:Limits</c> (e.g. <c>Kestrel__Limits__KeepAliveTimeout=00:01:00</c>); a configured value wins.
/// </summary>
public static class KestrelLimits
{
    /// <summary>An idle keep-alive connection is closed after this. Platform default 130 s.</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A client must send its request headers within this. Platform default 30 s.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Open connections per node; more wait in the listen backlog. Platform default: no limit.</summary>
    public const long MaxConcurrentConnections = 10_000;

    /// <summary>Upgraded (WebSocket) connections per node; the service has none of its own. Platform default: no limit.</summary>
    public const long MaxConcurrentUpgradedConnections = 100;

    public static void Apply(KestrelServerLimits limits, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetSection("Kestrel:Limits");
        if (configured["KeepAliveTimeout"] is null)
        {
            limits.KeepAliveTimeout = KeepAliveTimeout;
        }

        if (configured["RequestHeadersTimeout"] is null)
        {
            limits.RequestHeadersTimeout = RequestHeadersTimeout;
        }

        if (configured["MaxConcurrentConnections"] is null)
        {
            limits.MaxConcurrentConnections = MaxConcurrentConnections;
        }

        if (configured["MaxConcurrentUpgradedConnections"] is null)
        {
            limits.MaxConcurrentUpgradedConnections = MaxConcurrentUpgradedConnections;
        }
    }
}
