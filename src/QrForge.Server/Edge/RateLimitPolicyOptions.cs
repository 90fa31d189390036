namespace QrForge.Server.Edge;

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>; no queue.</summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>Requests allowed per window (1–1,000,000,000).</summary>
    public int PermitLimit { get; set; }

    /// <summary>Length of the window (1 second to 1 day). A client's window starts with its first request.</summary>
    public TimeSpan Window { get; set; }
}
