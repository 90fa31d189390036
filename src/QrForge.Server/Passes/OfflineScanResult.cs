namespace QrForge.Server.Passes;

/// <summary>The outcome of one uploaded scan; <c>index</c> is its position in the request.</summary>
public sealed record OfflineScanResult(int Index, string Nonce, CheckInResult Result, string? Reason, Guid? PassId, DateTime ScannedAt, bool Duplicate);
