namespace QrForge.Server.Codes;

/// <summary>The original service's <c>POST /generate</c> body.</summary>
public sealed record GenerateRequest(string? Data, double? ExpirationHours);
