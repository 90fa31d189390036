namespace QrForge.Server.Identity;

public sealed record AddUserRequest(string? Email, string? Password, string? Role);
