namespace QrForge.Server.Passes;

/// <summary>The verdict, with the pass and its subject when the token is valid.</summary>
public sealed record VerifyResponse(
    PassVerdict Result,
    PassTokenFormat? Format,
    string? KeyId,
    Guid? PassId,
    Guid? EventId,
    DateTime? ValidFrom,
    DateTime? ValidUntil,
    SubjectResponse? Subject);
