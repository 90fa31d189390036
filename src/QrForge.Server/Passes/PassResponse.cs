namespace QrForge.Server.Passes;

/// <summary>A pass as the API shows it; <c>token</c> is the compact form the QR image holds.</summary>
public sealed record PassResponse(
    Guid Id,
    Guid EventId,
    Guid SubjectId,
    string KeyId,
    DateTime ValidFrom,
    DateTime ValidUntil,
    string Status,
    string Token,
    string Jwt,
    string ImageUrl,
    PassImageUrls ImageUrls,
    DateTime CreatedAt,
    DateTime? RevokedAt,
    string? RevocationReason,
    Guid? ReplacedBy,
    bool Inside,
    string? InsideCheckpoint);
