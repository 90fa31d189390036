namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/passes/verify</c>.</summary>
public sealed record VerifyRequest(string? Token);
