namespace QrForge.Server.Edge;

/// <summary>The <c>QrForge:Edge:RateLimits</c> section.</summary>
public sealed class RateLimitsOptions
{
    /// <summary>Apply the per-client limits. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most clients tracked per policy (1–10,000,000, default 100,000). Clients beyond it share one overflow
    /// partition per policy until windows of tracked clients end, so rotated or spoofed addresses cannot grow
    /// memory without bound.
    /// </summary>
    public int MaxClients { get; set; } = 100_000;

    /// <summary>Requests per window shared by all clients in the overflow partition of a policy. Default 1000.</summary>
    public int OverflowPermitLimit { get; set; } = 1000;

    /// <summary>Requests without credentials, per client address (IPv6 grouped by /64). Default 600 a minute.</summary>
    public RateLimitPolicyOptions Anonymous { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Signed-in requests (user or API key), per principal (<c>sub</c> claim). Default 6000 a minute.</summary>
    public RateLimitPolicyOptions Authenticated { get; set; } = new() { PermitLimit = 6000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Endpoints marked <see cref="Edge.RateLimits.Login"/>, per client address, on top of the above. Default 10 a minute.</summary>
    public RateLimitPolicyOptions Login { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
}
