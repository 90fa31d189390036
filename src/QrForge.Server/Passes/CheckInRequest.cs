namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/checkins</c>; also one scan of an offline upload.</summary>
public sealed record CheckInRequest(string? Token, string? Checkpoint, string? Direction, DateTimeOffset? ScannedAt, string? Nonce);
