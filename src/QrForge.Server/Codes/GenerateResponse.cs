namespace QrForge.Server.Codes;

/// <summary>The original service's <c>POST /generate</c> answer.</summary>
public sealed record GenerateResponse(Guid QrId, DateTime? ExpiresAt);
