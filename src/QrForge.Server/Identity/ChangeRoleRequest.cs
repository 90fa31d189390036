namespace QrForge.Server.Identity;

public sealed record ChangeRoleRequest(string? Role);
