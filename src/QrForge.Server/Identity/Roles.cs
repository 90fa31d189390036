namespace QrForge.Server.Identity;

/// <summary>The roles a user or API key holds in a tenant.</summary>
public static class Roles
{
    /// <summary>Everything in the tenant, including users, keys and the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Create and change (codes, links, events, passes, items) and read.</summary>
    public const string Operator = "operator";

    /// <summary>Read only.</summary>
    public const string Viewer = "viewer";

    /// <summary>Verify passes, check in, scan items; nothing else.</summary>
    public const string Scanner = "scanner";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer, Scanner];

    public static bool IsKnown(string? role) => role is Admin or Operator or Viewer or Scanner;
}
