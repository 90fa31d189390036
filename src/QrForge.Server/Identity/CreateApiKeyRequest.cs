namespace QrForge.Server.Identity;

public sealed record CreateApiKeyRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);
