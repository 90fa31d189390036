using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Encoding;
using QrForge.Rendering;
using QrForge.Server.Api;
using QrForge.Server.Caching;
using QrForge.Server.Images;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>Issuing, revoking and reading passes; verification; cached images.</summary>
public sealed class PassService(
    IServiceProvider services,
    TenantContext tenant,
    HybridCache cache,
    TimeProvider clock,
    PassKeyRing keys,
    IOptions<PassesOptions> options,
    QrForgeMetrics metrics)
{
    /// <summary>The look of pass images: scale 8, ECC M, default quiet zone.</summary>
    public static readonly RenderOptions ImageOptions = new() { Scale = 8 };

    private static readonly HybridCacheEntryOptions SnapshotEntry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromSeconds(5) };
    private static readonly HybridCacheEntryOptions ImageEntry = new() { Expiration = TimeSpan.FromHours(6), LocalCacheExpiration = TimeSpan.FromMinutes(30) };

    private QrForgeDbContext? _db;

    private QrForgeDbContext Db => _db ??= services.GetRequiredService<QrForgeDbContext>();

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public Guid TenantId => tenant.TenantId;

    private TimeSpan Skew => TimeSpan.FromSeconds(options.Value.ClockSkewSeconds);

    /// <summary>Checks a create request against its event and subject; on success the new pass, unsaved and unsigned.</summary>
    public async Task<(PassEvent? Event, Subject? Subject, DateTime From, DateTime Until)> ValidateAsync(CreatePassRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var ev = request.EventId is { } eventId ? await Db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct) : null;
        if (ev is null)
        {
            errors["event_id"] = [request.EventId is null ? "event_id is required." : "event_id names no event."];
        }

        var subject = request.SubjectId is { } subjectId ? await Db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId, ct) : null;
        if (subject is null)
        {
            errors["subject_id"] = [request.SubjectId is null ? "subject_id is required." : "subject_id names no subject."];
        }

        var from = Seconds(request.ValidFrom?.UtcDateTime ?? ev?.StartsAt ?? DateTime.UnixEpoch);
        var until = Seconds(request.ValidUntil?.UtcDateTime ?? ev?.EndsAt ?? DateTime.UnixEpoch);
        if (request.ValidFrom is { } f && (f.UtcDateTime < DateTime.UnixEpoch || f.ToUnixTimeSeconds() > uint.MaxValue))
        {
            errors["valid_from"] = ["valid_from must be between 1970 and 2106."];
        }
        else if (request.ValidUntil is { } u && (u.UtcDateTime < DateTime.UnixEpoch || u.ToUnixTimeSeconds() > uint.MaxValue))
        {
            errors["valid_until"] = ["valid_until must be between 1970 and 2106."];
        }
        else if (ev is not null && until <= from)
        {
            errors["valid_until"] = ["valid_until must be after valid_from."];
        }

        return (ev, subject, from, until);
    }

    /// <summary>Signs and stores a new pass.</summary>
    public async Task<Pass> IssueAsync(Guid eventId, Guid subjectId, DateTime from, DateTime until, CancellationToken ct)
    {
        var pass = await NewPassAsync(eventId, subjectId, from, until, ct);
        Db.Passes.Add(pass);
        await Db.SaveChangesAsync(ct);
        return pass;
    }

    private async Task<Pass> NewPassAsync(Guid eventId, Guid subjectId, DateTime from, DateTime until, CancellationToken ct)
    {
        var signer = await keys.SignerAsync(tenant.TenantId, ct);
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var (compact, jwt) = signer.Issue(id, eventId, subjectId, new DateTimeOffset(from), new DateTimeOffset(until));
        return new Pass
        {
            Id = id,
            TenantId = tenant.TenantId,
            EventId = eventId,
            SubjectId = subjectId,
            KeyId = signer.KeyId,
            ValidFrom = from,
            ValidUntil = until,
            Token = compact,
            Jwt = jwt,
            CreatedAt = UtcNow,
        };
    }

    public Task<Pass?> FindAsync(Guid id, CancellationToken ct) => Db.Passes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>One page of passes, newest first, optionally of one event or subject.</summary>
    public async Task<(List<Pass> Items, string? Next)> ListAsync(Guid? cursor, int limit, Guid? eventId, Guid? subjectId, string? status, CancellationToken ct)
    {
        var query = Db.Passes.AsNoTracking();

        if (eventId is { } e)
        {
            query = query.Where(p => p.EventId == e);
        }

        if (subjectId is { } s)
        {
            query = query.Where(p => p.SubjectId == s);
        }

        if (status == "active")
        {
            query = query.Where(p => p.RevokedAt == null);
        }
        else if (status == "revoked")
        {
            query = query.Where(p => p.RevokedAt != null);
        }

        return await query.ToKeysetPageAsync(cursor, limit, ct);
    }

    /// <summary>Revokes a pass (idempotent: the first revocation's time and reason stay). Null when unknown.</summary>
    public async Task<Pass?> RevokeAsync(Guid id, string? reason, CancellationToken ct)
    {
        var pass = await Db.Passes.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pass is null)
        {
            return null;
        }

        if (pass.RevokedAt is null)
        {
            pass.RevokedAt = UtcNow;
            pass.RevocationReason = reason ?? "revoked";
            await Db.SaveChangesAsync(ct);
        }

        await ForgetAsync(id, ct);
        return pass;
    }

    /// <summary>
    /// Replaces a pass by a new one for the same event, subject and window, revoking the old one in the same
    /// transaction. Null when unknown; the old pass unchanged (and no new one) when it was already replaced.
    /// </summary>
    public async Task<(Pass? Old, Pass? New)> ReissueAsync(Guid id, string? reason, CancellationToken ct)
    {
        var old = await Db.Passes.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (old is null || old.ReplacedBy is not null)
        {
            return (old, null);
        }

        var replacement = await NewPassAsync(old.EventId, old.SubjectId, old.ValidFrom, old.ValidUntil, ct);
        old.RevokedAt ??= UtcNow;
        old.RevocationReason ??= reason ?? "reissued";
        old.ReplacedBy = replacement.Id;
        Db.Passes.Add(replacement);
        await Db.SaveChangesAsync(ct); // one transaction: the old pass is revoked exactly when the new one exists
        await ForgetAsync(id, ct);
        return (old, replacement);
    }

    /// <summary>Drops every cached item of a pass (snapshot, images) on this node and in the shared cache.</summary>
    public async Task ForgetAsync(Guid id, CancellationToken ct) => await cache.RemoveByTagAsync(Tag(tenant.TenantId, id), ct);

    /// <summary>The pass as verification sees it, from the cache when possible; null when unknown in this tenant.</summary>
    public async Task<PassSnapshot?> SnapshotAsync(Guid id, CancellationToken ct)
    {
        var probe = CacheProbe.Start();
        var result = await cache.GetOrCreateAsync(
            $"pass:{tenant.TenantId:N}:{id:N}",
            (owner: this, id, probe),
            static async (state, token) =>
            {
                state.probe.MarkMade();
                return await state.owner.LoadSnapshotAsync(state.id, token);
            },
            SnapshotEntry,
            [Tag(tenant.TenantId, id), SubjectsTag(tenant.TenantId)],
            ct);
        metrics.CacheRead("l1", probe.FirstLevelHit);
        if (result is null)
        {
            await cache.RemoveAsync($"pass:{tenant.TenantId:N}:{id:N}", ct);
        }

        return result;
    }

    /// <summary>The pass straight from the database (check-in decisions never use a cached copy).</summary>
    public async Task<PassSnapshot?> LoadSnapshotAsync(Guid id, CancellationToken ct)
    {
        // One round trip: the pass, its subject and its event's checkpoints.
        var row = await (from pass in Db.Passes.AsNoTracking()
                         join ev in Db.Events.AsNoTracking() on pass.EventId equals ev.Id
                         join subject in Db.Subjects.AsNoTracking() on pass.SubjectId equals subject.Id into subjects
                         from subject in subjects.DefaultIfEmpty()
                         where pass.Id == id
                         select new { Pass = pass, Subject = subject, ev.Checkpoints }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var p = row.Pass;
        return new PassSnapshot(p.Id, p.EventId, p.SubjectId, p.ValidFrom, p.ValidUntil, p.Token, p.Jwt, p.RevokedAt, row.Subject is null ? null : SubjectEndpoints.ToResponse(row.Subject), row.Checkpoints);
    }

    /// <summary>
    /// Verifies a token for the caller's tenant at <paramref name="at"/>: format, key, signature, then the pass
    /// (unknown in this tenant, revoked at that time), then the window with the configured skew. Never throws
    /// on any input. <paramref name="fresh"/> reads the pass from the database instead of the cache.
    /// </summary>
    public async Task<(PassVerdict Verdict, ParsedToken? Token, PassSnapshot? Pass)> VerifyAsync(string? token, DateTimeOffset at, bool fresh, CancellationToken ct)
    {
        var parsed = PassVerifier.Parse(token);
        if (parsed is null)
        {
            return (PassVerdict.Malformed, null, null);
        }

        var key = await keys.FindAsync(parsed.Claims.KeyId, ct);
        var verdict = PassVerifier.CheckSignature(parsed, key);
        if (verdict != PassVerdict.Valid)
        {
            return (verdict, parsed, null);
        }

        if (key!.TenantId != tenant.TenantId)
        {
            return (PassVerdict.UnknownPass, parsed, null);
        }

        var pass = fresh ? await LoadSnapshotAsync(parsed.Claims.PassId, ct) : await SnapshotAsync(parsed.Claims.PassId, ct);
        if (pass is null || pass.EventId != parsed.Claims.EventId)
        {
            return (PassVerdict.UnknownPass, parsed, null);
        }

        if (pass.RevokedAt is { } revoked && revoked <= at.UtcDateTime)
        {
            return (PassVerdict.Revoked, parsed, pass);
        }

        return (PassVerifier.CheckWindow(parsed.Claims, at, Skew), parsed, pass);
    }

    /// <summary>The image of a pass's token in a format (<c>png</c>, <c>svg</c>, <c>pdf</c>), cached per tenant, pass, token form and format.</summary>
    public async Task<CachedImage> ImageAsync(PassSnapshot pass, PassTokenFormat form, string format, CancellationToken ct)
    {
        var probe = CacheProbe.Start();
        var image = await cache.GetOrCreateAsync(
            ImageKey(tenant.TenantId, pass.Id, form, format),
            (pass, form, format, metrics, probe),
            static (state, _) =>
            {
                state.probe.MarkMade();
                state.metrics.ImageRendered(state.format);
                return ValueTask.FromResult(Render(state.form == PassTokenFormat.Jwt ? state.pass.Jwt : state.pass.Token, state.format));
            },
            ImageEntry,
            [Tag(tenant.TenantId, pass.Id)],
            ct);
        metrics.CacheRead("l1", probe.FirstLevelHit);
        return image;
    }

    /// <summary>Renders a token's symbol (ECC M; the compact token is all alphanumeric, so it is one alphanumeric segment).</summary>
    public static CachedImage Render(string token, string format) =>
        CachedImage.Of(ImageFormat.Render(QrCode.EncodeText(token, new QrEncodeOptions { Ecc = Ecc.M }), format, ImageOptions));

    public static string ImageKey(Guid tenantId, Guid passId, PassTokenFormat form, string format) =>
        $"passimg:{tenantId:N}:{passId:N}:{(form == PassTokenFormat.Jwt ? "jwt" : "c")}:{format}";

    public static string Tag(Guid tenantId, Guid passId) => $"pass:{tenantId:N}:{passId:N}";

    public static string SubjectsTag(Guid tenantId) => $"subjects:{tenantId:N}";

    public static HybridCacheEntryOptions ImageCacheEntry => ImageEntry;

    private static DateTime Seconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    internal static string? SerializeAttributes(IReadOnlyDictionary<string, string>? attributes) =>
        attributes is null || attributes.Count == 0 ? null : JsonSerializer.Serialize(attributes, StoredJson.Options);
}
