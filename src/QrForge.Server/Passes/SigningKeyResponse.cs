namespace QrForge.Server.Passes;

/// <summary>A signing key as admins see it (never the private key).</summary>
public sealed record SigningKeyResponse(string Kid, SigningKeyStatus Status, DateTime CreatedAt, DateTime? RotatedAt, DateTime? RetiredAt);
