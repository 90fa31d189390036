namespace QrForge.Server.Identity;

/// <summary>The claims a signed-in principal carries (from a JWT access token or an API key).</summary>
public static class ClaimNames
{
    /// <summary>The user id or API key id: the actor in audit entries and the partition of per-client rate limits.</summary>
    public const string Subject = "sub";

    /// <summary>The tenant id the principal acts in.</summary>
    public const string Tenant = "tid";

    /// <summary>The role in that tenant (<see cref="Roles"/>).</summary>
    public const string Role = "role";

    /// <summary><c>user</c> or <c>api_key</c>.</summary>
    public const string Kind = "kind";
}
