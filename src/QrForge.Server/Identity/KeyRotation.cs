namespace QrForge.Server.Identity;

public sealed record KeyRotation(string Kid);
