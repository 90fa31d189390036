namespace QrForge.Server.Passes;

/// <summary>One revoked pass.</summary>
public sealed record RevokedPass(Guid PassId, DateTime RevokedAt, string? Reason);
