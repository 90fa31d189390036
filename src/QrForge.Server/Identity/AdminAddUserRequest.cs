namespace QrForge.Server.Identity;

public sealed record AdminAddUserRequest(string? Email, string? Password, string? Role, Guid? TenantId);
