namespace QrForge.Server.Codes;

/// <summary>The original service's <c>GET /retrieve/{qr_id}</c> answer: <c>qr_code</c> is the absolute URL of the PNG.</summary>
public sealed record RetrieveResponse(string QrCode, string Data, DateTime? ExpiresAt);
