namespace QrForge.Server.Identity;

public sealed record LoginRequest(string? Email, string? Password, Guid? TenantId);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record MeResponse(string Kind, Guid Id, string? Email, string? Name, Guid TenantId, string? TenantName, string Role);

public sealed record CreateApiKeyRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);

/// <summary>An API key as listed; <see cref="Key"/> is set only in the answer that creates it.</summary>
public sealed record ApiKeyResponse(
    Guid Id, Guid TenantId, string Name, string Role, string Hint, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt, string? Key = null)
{
    public static ApiKeyResponse From(ApiKey k, string? secret = null) =>
        new(k.Id, k.TenantId, k.Name, k.Role, k.Hint, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, secret);
}

public sealed record AddUserRequest(string? Email, string? Password, string? Role);

public sealed record ChangeRoleRequest(string? Role);

public sealed record MemberResponse(Guid Id, string Email, string Role, Guid TenantId, DateTime CreatedAt, bool Disabled);

public sealed record CreateTenantRequest(string? Name);

public sealed record TenantResponse(Guid Id, string Name, DateTime CreatedAt)
{
    public static TenantResponse From(Tenant t) => new(t.Id, t.Name, t.CreatedAt);
}

public sealed record AdminAddUserRequest(string? Email, string? Password, string? Role, Guid? TenantId);

public sealed record KeyRotation(string Kid);
