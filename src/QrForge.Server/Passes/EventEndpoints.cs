using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary><c>/api/v1/events</c>: events, their revocation lists and inside counts.</summary>
public static partial class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/events").WithTags("Passes");
        group.MapPost("/", Create).WithName("CreateEvent").RequireAuthorization(Policies.Write);
        group.MapGet("/", List).WithName("ListEvents").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetEvent").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/revocations", Revocations).WithName("GetEventRevocations").RequireAuthorization(Policies.Scan);
        group.MapGet("/{id:guid}/inside", Inside).WithName("GetEventInsideCounts").RequireAuthorization(Policies.Read);
        return app;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    internal static partial Regex CheckpointName();

    private static async Task<Results<Created<EventResponse>, ValidationProblem>> Create(
        CreateEventRequest request, QrForgeDbContext db, TenantContext tenant, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        if (request.StartsAt is null)
        {
            errors["starts_at"] = ["starts_at is required."];
        }

        if (request.EndsAt is null || (request.StartsAt is { } s && request.EndsAt <= s))
        {
            errors["ends_at"] = ["ends_at is required and must be after starts_at."];
        }

        var zone = request.TimeZone ?? "UTC";
        if (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors["time_zone"] = ["time_zone must be an IANA time zone such as Europe/Berlin."];
        }

        var checkpoints = request.Checkpoints ?? [];
        if (checkpoints.Count is 0 or > 100 || checkpoints.Exists(c => c is null || !CheckpointName().IsMatch(c)) || checkpoints.Distinct(StringComparer.Ordinal).Count() != checkpoints.Count)
        {
            errors["checkpoints"] = ["checkpoints holds 1-100 distinct names of lower-case letters, digits, '.', '_' or '-' (at most 64 characters)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var ev = new PassEvent
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenant.TenantId,
            Name = request.Name!.Trim(),
            StartsAt = request.StartsAt!.Value.UtcDateTime,
            EndsAt = request.EndsAt!.Value.UtcDateTime,
            TimeZone = zone,
            Checkpoints = checkpoints,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Events.Add(ev);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("event.create", "event", ev.Id.ToString(), $"event '{ev.Name}' with {checkpoints.Count} checkpoints", ct);
        return TypedResults.Created($"/api/v1/events/{ev.Id}", ToResponse(ev));
    }

    private static async Task<Results<Ok<Page<EventResponse>>, ValidationProblem>> List(QrForgeDbContext db, CancellationToken ct, string? cursor = null, int limit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = db.Events.AsNoTracking();

        var (rows, next) = await query.ToKeysetPageAsync(after, limit, ct);
        return TypedResults.Ok(new Page<EventResponse>([.. rows.Select(ToResponse)], next));
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> Get(Guid id, QrForgeDbContext db, CancellationToken ct)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        return ev is null ? Problems.NotFound("event", id) : TypedResults.Ok(ToResponse(ev));
    }

    /// <summary>
    /// Passes of the event revoked at or after <c>since</c> (all when absent). <c>next_since</c> is a minute before
    /// <c>as_of</c>, so a revocation committed while this list was read is not missed; repeats are harmless.
    /// </summary>
    private static async Task<Results<Ok<RevocationList>, ProblemHttpResult>> Revocations(Guid id, QrForgeDbContext db, TimeProvider clock, CancellationToken ct, DateTimeOffset? since = null)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id, ct))
        {
            return Problems.NotFound("event", id);
        }

        var asOf = clock.GetUtcNow().UtcDateTime;
        var query = db.Passes.AsNoTracking().Where(p => p.EventId == id && p.RevokedAt != null);
        if (since is { } s)
        {
            var from = s.UtcDateTime;
            query = query.Where(p => p.RevokedAt >= from);
        }

        var rows = await query.OrderBy(p => p.RevokedAt).Select(p => new RevokedPass(p.Id, p.RevokedAt!.Value, p.RevocationReason)).ToListAsync(ct);
        return TypedResults.Ok(new RevocationList(id, asOf, asOf.AddMinutes(-1), rows));
    }

    private static async Task<Results<Ok<InsideCounts>, ProblemHttpResult>> Inside(Guid id, QrForgeDbContext db, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id, ct))
        {
            return Problems.NotFound("event", id);
        }

        var counts = await db.Passes.AsNoTracking()
            .Where(p => p.EventId == id && p.IsInside)
            .GroupBy(p => p.InsideCheckpoint)
            .Select(g => new { Checkpoint = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var byCheckpoint = counts.ToDictionary(c => c.Checkpoint ?? "", c => c.Count, StringComparer.Ordinal);
        return TypedResults.Ok(new InsideCounts(id, counts.Sum(c => c.Count), byCheckpoint));
    }

    internal static EventResponse ToResponse(PassEvent e) => new(e.Id, e.Name, e.StartsAt, e.EndsAt, e.TimeZone, e.Checkpoints, e.CreatedAt);
}
