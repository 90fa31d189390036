namespace QrForge.Server.Edge;

/// <summary>The <c>QrForge:Edge:Admin</c> section: who may reach <c>/api/v1/admin/…</c> (and <c>/metrics</c>).</summary>
public sealed class AdminAccessOptions
{
    /// <summary>
    /// Networks (CIDR) or addresses allowed to reach the admin endpoints; comma-separated entries allowed.
    /// Empty (the default): loopback only (<c>127.0.0.0/8</c>, <c>::1</c>). <c>0.0.0.0/0</c> and <c>::/0</c> open it to all.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Restrict <c>/metrics</c> to <see cref="AllowedNetworks"/> as well. Default off.</summary>
    public bool RestrictMetrics { get; set; }
}
