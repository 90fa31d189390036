namespace QrForge.Server.Identity;

/// <summary>
/// Authorization policy names used by endpoint groups (<c>RequireAuthorization(Policies.Write)</c>).
/// Which roles satisfy each is decided in one place, <see cref="IdentityExtensions"/>.
/// </summary>
public static class Policies
{
    /// <summary>Read tenant data: viewer, operator, admin.</summary>
    public const string Read = "read";

    /// <summary>Create, change and delete tenant data: operator, admin.</summary>
    public const string Write = "write";

    /// <summary>Verify passes, check in, scan items: scanner, operator, admin.</summary>
    public const string Scan = "scan";

    /// <summary>Users, keys, audit and tenant settings: admin.</summary>
    public const string Admin = "admin";

    /// <summary>Every tenant (<c>/api/v1/admin</c>): an admin of the default (operating) tenant.</summary>
    public const string SystemAdmin = "system-admin";
}
