using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Operations;

public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration (<c>host:port,password=…</c>); empty means no second-level cache.</summary>
    public string? Configuration { get; set; }

    /// <summary>Longest wait for any Redis operation before the cache skips it, in milliseconds. Default 250.</summary>
    [Range(10, 10_000)]
    public int TimeoutMilliseconds { get; set; } = 250;

    /// <summary>How long Redis is left alone after a failure before it is tried again, in seconds. Default 5.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
