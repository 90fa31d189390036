namespace QrForge.Server.Identity;

/// <summary>An API key as listed; <see cref="Key"/> is set only in the answer that creates it.</summary>
public sealed record ApiKeyResponse(
    Guid Id, Guid TenantId, string Name, string Role, string Hint, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt, string? Key = null)
{
    public static ApiKeyResponse From(ApiKey k, string? secret = null) =>
        new(k.Id, k.TenantId, k.Name, k.Role, k.Hint, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, secret);
}
