using System.ComponentModel;

namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/events</c>.</summary>
public sealed record CreateEventRequest(string? Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? TimeZone, List<string>? Checkpoints);

/// <summary>An event as the API shows it.</summary>
public sealed record EventResponse(Guid Id, string Name, DateTime StartsAt, DateTime EndsAt, string TimeZone, IReadOnlyList<string> Checkpoints, DateTime CreatedAt);

/// <summary><c>POST /api/v1/subjects</c>.</summary>
public sealed record CreateSubjectRequest(string? Kind, string? ExternalId, string? Name, Dictionary<string, string>? Attributes);

/// <summary>A subject as the API shows it.</summary>
[ImmutableObject(true)]
public sealed record SubjectResponse(Guid Id, string Kind, string ExternalId, string Name, IReadOnlyDictionary<string, string>? Attributes, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The per-row report of a CSV import.</summary>
public sealed record ImportReport(int Rows, int Created, int Updated, int Failed, IReadOnlyList<ImportRow> Results);

/// <summary>One data row of an import: <c>created</c>, <c>updated</c> or <c>failed</c> with the errors by column.</summary>
public sealed record ImportRow(int Line, string Status, Guid? Id, string? ExternalId, IReadOnlyDictionary<string, string>? Errors);

/// <summary><c>POST /api/v1/passes</c>: the window defaults to the event's.</summary>
public sealed record CreatePassRequest(Guid? EventId, Guid? SubjectId, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil);

/// <summary><c>POST /api/v1/passes/{id}/revoke</c> and <c>/reissue</c>.</summary>
public sealed record RevokePassRequest(string? Reason);

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

/// <summary>Absolute URLs of a pass's images (compact token; add <c>?token=jwt</c> for the JWT).</summary>
public sealed record PassImageUrls(string Png, string Svg, string Pdf);

/// <summary>One page; pass <c>next_cursor</c> as <c>cursor</c> for the next (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary><c>POST /api/v1/passes/verify</c>.</summary>
public sealed record VerifyRequest(string? Token);

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

/// <summary><c>POST /api/v1/checkins</c>; also one scan of an offline upload.</summary>
public sealed record CheckInRequest(string? Token, string? Checkpoint, string? Direction, DateTimeOffset? ScannedAt, string? Nonce);

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

/// <summary><c>POST /api/v1/checkins/offline</c>: scans made while offline, each with its <c>scanned_at</c>.</summary>
public sealed record OfflineUploadRequest(List<CheckInRequest>? Scans);

/// <summary>Every scan's outcome in time order; <c>conflicts</c> counts scans refused by the state at their time.</summary>
public sealed record OfflineUploadResponse(int Scans, int Ok, int Conflicts, int Refused, int Duplicates, IReadOnlyList<OfflineScanResult> Results);

/// <summary>The outcome of one uploaded scan; <c>index</c> is its position in the request.</summary>
public sealed record OfflineScanResult(int Index, string Nonce, CheckInResult Result, string? Reason, Guid? PassId, DateTime ScannedAt, bool Duplicate);

/// <summary>Revocations of an event since a time; ask again with <c>since=next_since</c>.</summary>
public sealed record RevocationList(Guid EventId, DateTime AsOf, DateTime NextSince, IReadOnlyList<RevokedPass> Revoked);

/// <summary>One revoked pass.</summary>
public sealed record RevokedPass(Guid PassId, DateTime RevokedAt, string? Reason);

/// <summary>Who is inside an event now, in total and by the checkpoint they entered through.</summary>
public sealed record InsideCounts(Guid EventId, int Inside, IReadOnlyDictionary<string, int> ByCheckpoint);

/// <summary>A signing key as admins see it (never the private key).</summary>
public sealed record SigningKeyResponse(string Kid, SigningKeyStatus Status, DateTime CreatedAt, DateTime? RotatedAt, DateTime? RetiredAt);
