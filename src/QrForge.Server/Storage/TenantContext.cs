namespace QrForge.Server.Storage;

/// <summary>
/// The tenant of the current request. Until identity arrives every request belongs to the default tenant;
/// the type is scoped so that a later sign-in can set it per request.
/// </summary>
public sealed class TenantContext
{
    /// <summary>The one tenant that exists before identity: 00000000-0000-0000-0000-000000000001.</summary>
    public static readonly Guid DefaultTenantId = new("00000000-0000-0000-0000-000000000001");

    public Guid TenantId { get; set; } = DefaultTenantId;
}
