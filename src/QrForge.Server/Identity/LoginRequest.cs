namespace QrForge.Server.Identity;

public sealed record LoginRequest(string? Email, string? Password, Guid? TenantId);
