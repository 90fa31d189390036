namespace QrForge.Server.Passes;

/// <summary>One stored scan of an event.</summary>
public sealed record CheckInRow(Guid Id, Guid? PassId, string Checkpoint, string Direction, string Result, string? Reason, string Nonce, DateTime ScannedAt, DateTime RecordedAt, bool Offline);
