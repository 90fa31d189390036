namespace QrForge.Server.Identity;

public sealed record MeResponse(string Kind, Guid Id, string? Email, string? Name, Guid TenantId, string? TenantName, string Role);
