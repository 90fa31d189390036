namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/passes/{id}/revoke</c> and <c>/reissue</c>.</summary>
public sealed record RevokePassRequest(string? Reason);
