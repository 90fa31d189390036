namespace QrForge.Server.Passes;

/// <summary>
/// What a pass token states: which key signed it, the pass, the event and the validity window (whole seconds,
/// UTC; <see cref="ValidUntil"/> is exclusive). Both token formats carry the same claims.
/// </summary>
public sealed record PassClaims(uint KeyId, Guid PassId, Guid EventId, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);
