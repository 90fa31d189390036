namespace QrForge.Server.Identity;

public sealed record RefreshRequest(string? RefreshToken);
