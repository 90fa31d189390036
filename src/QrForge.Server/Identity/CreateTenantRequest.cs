namespace QrForge.Server.Identity;

public sealed record CreateTenantRequest(string? Name);
