namespace QrForge.Server.Passes;

/// <summary>The outcome of a check-in; <c>duplicate</c> when the nonce was seen before (the first answer is repeated).</summary>
public sealed record CheckInResponse(
    Guid CheckinId,
    CheckInResult Result,
    string? Reason,
    Guid? PassId,
    string Checkpoint,
    CheckInDirection Direction,
    DateTime ScannedAt,
    bool Duplicate,
    SubjectResponse? Subject);
