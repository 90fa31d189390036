namespace QrForge.Server.Edge;

/// <summary>Rate limit policy names endpoints attach with <c>.RequireRateLimiting(RateLimits.Xxx)</c>.</summary>
public static class RateLimits
{
    /// <summary>
    /// Sign-in: per client address, <c>QrForge:Edge:RateLimits:Login</c> (default 10 a minute), counted on top of the
    /// global per-client limit. Counting is done by <see cref="ClientRateLimiter"/> so that its table is bounded
    /// like the others; the policy registered under this name is only the marker the limiter looks for.
    /// </summary>
    public const string Login = "login";
}
