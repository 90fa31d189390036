using System.ComponentModel;

namespace QrForge.Server.Passes;

/// <summary>The cached, immutable view of a pass that verification and images work from.</summary>
[ImmutableObject(true)]
public sealed record PassSnapshot(
    Guid Id,
    Guid EventId,
    Guid SubjectId,
    DateTime ValidFrom,
    DateTime ValidUntil,
    string Token,
    string Jwt,
    DateTime? RevokedAt,
    SubjectResponse? Subject,
    IReadOnlyList<string> Checkpoints);
