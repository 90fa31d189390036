using Microsoft.EntityFrameworkCore;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// Check-in and check-out. Correct with any number of scanners and nodes because the database decides:
/// <list type="bullet">
/// <item>the movement is one conditional <c>UPDATE passes SET is_inside = … WHERE id = … AND is_inside = …</c>;
/// of 50 simultaneous <c>in</c> scans exactly one changes the row (PostgreSQL re-checks the condition after
/// the row lock; SQLite runs writers one at a time), the others find it already changed;</item>
/// <item>the scan row with its nonce is inserted in the same transaction; the unique (tenant, nonce) index
/// makes a retry fail to insert, which rolls its movement back, and the first answer is returned.</item>
/// </list>
/// The writes go through <see cref="CheckInWriter"/>, which commits scans that arrive together at once.
/// </summary>
public sealed class CheckInService(PassService passes, CheckInWriter writer, TenantContext tenant, TimeProvider clock, QrForgeDbContext db)
{
    /// <summary>Longest nonce accepted.</summary>
    public const int MaxNonceLength = 100;

    /// <summary>Checks a request's fields; the errors name them.</summary>
    public static Dictionary<string, string[]> Validate(CheckInRequest request, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Token is null)
        {
            errors[prefix + "token"] = ["token is required."];
        }

        if (string.IsNullOrEmpty(request.Checkpoint) || request.Checkpoint.Length > 64 || request.Checkpoint.Contains('\0', StringComparison.Ordinal))
        {
            errors[prefix + "checkpoint"] = ["checkpoint is required, at most 64 characters (no NUL)."];
        }

        if (request.Direction is not ("in" or "out"))
        {
            errors[prefix + "direction"] = ["direction must be in or out."];
        }

        if (string.IsNullOrEmpty(request.Nonce) || request.Nonce.Length > MaxNonceLength || request.Nonce.Contains('\0', StringComparison.Ordinal))
        {
            errors[prefix + "nonce"] = [$"nonce is required, at most {MaxNonceLength} characters (no NUL)."];
        }

        return errors;
    }

    /// <summary>
    /// Records one scan (validated by <see cref="Validate"/>). The token is judged at <c>scanned_at</c> (default
    /// now; a future time is taken as now): a pass revoked after an offline scan still counts for that scan.
    /// </summary>
    public async Task<CheckInResponse> RecordAsync(CheckInRequest request, bool offline, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scannedAt = request.ScannedAt is { } s && s <= now ? s : now;
        var direction = request.Direction == "out" ? CheckInDirection.Out : CheckInDirection.In;

        // No look-up of the nonce first: the unique index answers that inside the transaction (one round trip
        // fewer for every scan; a retry pays for a rolled-back movement instead).
        var (verdict, _, pass) = await passes.VerifyAsync(request.Token, scannedAt, fresh: true, ct);
        var row = new CheckIn
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.TenantId,
            Nonce = request.Nonce!,
            PassId = pass?.Id,
            EventId = pass?.EventId,
            Checkpoint = request.Checkpoint!,
            Direction = direction,
            ScannedAt = scannedAt.UtcDateTime,
            RecordedAt = now.UtcDateTime,
            Offline = offline,
            Result = CheckInResult.Ok, // attempt the movement unless refused below
        };

        if (verdict != PassVerdict.Valid)
        {
            row.Result = CheckInResult.Refused;
            row.Reason = Wire(verdict);
        }
        else if (!pass!.Checkpoints.Contains(row.Checkpoint))
        {
            row.Result = CheckInResult.Refused;
            row.Reason = "unknown_checkpoint";
        }

        var (stored, duplicate) = await writer.WriteAsync(row, ct);
        if (duplicate)
        {
            return await AnswerAsync(stored, duplicate: true, ct);
        }

        return new CheckInResponse(row.Id, row.Result, row.Reason, row.PassId, row.Checkpoint, row.Direction, row.ScannedAt, false,
            row.Result == CheckInResult.Refused ? null : pass?.Subject);
    }

    /// <summary>
    /// Reconciles an offline batch: scans are applied in <c>scanned_at</c> order (ties in request order), each as
    /// a check-in; a scan the state at its time refuses (<c>already_inside</c>, <c>not_inside</c>) is a conflict,
    /// reported with the rest. Nothing is dropped: every scan gets a row and a result. A retried upload is cheap:
    /// the nonces already stored are found with a few set queries and answered from their rows (no token check, no
    /// write), and a nonce twice in one upload is written once.
    /// </summary>
    public async Task<OfflineUploadResponse> UploadAsync(IReadOnlyList<CheckInRequest> scans, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ordered = scans.Select((s, i) => (Scan: s, Index: i)).OrderBy(x => x.Scan.ScannedAt ?? now).ThenBy(x => x.Index).ToList();
        var stored = await StoredAsync(scans.Select(s => s.Nonce!), ct);
        var results = new List<OfflineScanResult>(scans.Count);
        foreach (var (scan, index) in ordered)
        {
            if (stored.TryGetValue(scan.Nonce!, out var known))
            {
                results.Add(new OfflineScanResult(index, scan.Nonce!, known.Result, known.Reason, known.PassId, known.ScannedAt, true));
                continue;
            }

            var answer = await RecordAsync(scan, offline: true, ct);
            results.Add(new OfflineScanResult(index, scan.Nonce!, answer.Result, answer.Reason, answer.PassId, answer.ScannedAt, answer.Duplicate));
            stored[scan.Nonce!] = new StoredScan(answer.Result, answer.Reason, answer.PassId, answer.ScannedAt); // a repeat later in this upload
        }

        return new OfflineUploadResponse(
            results.Count,
            results.Count(r => r.Result == CheckInResult.Ok),
            results.Count(r => r.Result is CheckInResult.AlreadyInside or CheckInResult.NotInside),
            results.Count(r => r.Result == CheckInResult.Refused),
            results.Count(r => r.Duplicate),
            results);
    }

    // The caller's tenant's stored scans among these nonces, by nonce; 500 nonces a query (an indexed IN list).
    private async Task<Dictionary<string, StoredScan>> StoredAsync(IEnumerable<string> nonces, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredScan>(StringComparer.Ordinal);
        foreach (var chunk in nonces.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await db.CheckIns.AsNoTracking().Where(c => chunk.Contains(c.Nonce))
                .Select(c => new { c.Nonce, c.Result, c.Reason, c.PassId, c.ScannedAt }).ToListAsync(ct);
            foreach (var row in rows)
            {
                found[row.Nonce] = new StoredScan(row.Result, row.Reason, row.PassId, row.ScannedAt);
            }
        }

        return found;
    }

    private sealed record StoredScan(CheckInResult Result, string? Reason, Guid? PassId, DateTime ScannedAt);

    private async Task<CheckInResponse> AnswerAsync(CheckIn row, bool duplicate, CancellationToken ct)
    {
        var subject = row.Result != CheckInResult.Refused && row.PassId is { } id ? (await passes.LoadSnapshotAsync(id, ct))?.Subject : null;
        return new CheckInResponse(row.Id, row.Result, row.Reason, row.PassId, row.Checkpoint, row.Direction, row.ScannedAt, duplicate, subject);
    }

    /// <summary>The snake_case name of a verdict, as the API writes it.</summary>
    public static string Wire(PassVerdict verdict) => verdict switch
    {
        PassVerdict.Valid => "valid",
        PassVerdict.Malformed => "malformed",
        PassVerdict.Tampered => "tampered",
        PassVerdict.UnknownKey => "unknown_key",
        PassVerdict.NotYetValid => "not_yet_valid",
        PassVerdict.Expired => "expired",
        PassVerdict.Revoked => "revoked",
        _ => "unknown_pass",
    };
}
