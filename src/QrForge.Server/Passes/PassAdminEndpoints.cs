using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// What organisers change after the fact: events and subjects are edited (PATCH: only the members sent change)
/// and deleted (while no pass names them: a pass is a signed promise, revoke it instead), and check-ins are
/// listed (newest first, cursor paging) and exported as formula-safe CSV.
/// </summary>
public static class PassAdminEndpoints
{
    public static IEndpointRouteBuilder MapPassAdmin(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/events").WithTags("Passes");
        events.MapPatch("/{id:guid}", UpdateEvent).WithName("UpdateEvent").RequireAuthorization(Policies.Write)
            .WithSummary("Change an event")
            .WithDescription("Changes the members sent (name, starts_at, ends_at, time_zone, checkpoints); the others stay. Passes already issued keep their signed validity; a checkpoint removed refuses later check-ins there.");
        events.MapDelete("/{id:guid}", DeleteEvent).WithName("DeleteEvent").RequireAuthorization(Policies.Write)
            .WithSummary("Delete an event")
            .WithDescription("Deletes an event that has no passes; 409 with the count otherwise (revoke passes instead of deleting them).");
        events.MapGet("/{id:guid}/checkins", ListCheckIns).WithName("ListEventCheckIns").RequireAuthorization(Policies.Read)
            .WithSummary("List an event's check-ins")
            .WithDescription("Every scan stored for the event, newest first, paged with a cursor; filter by checkpoint, pass or result.");
        events.MapGet("/{id:guid}/checkins.csv", ExportCheckIns).WithName("ExportEventCheckIns").RequireAuthorization(Policies.Read)
            .WithSummary("Export an event's check-ins as CSV")
            .WithDescription("The event's check-ins, oldest first, as CSV (cells a spreadsheet would run as formulas are neutralised), streamed.");

        var subjects = app.MapGroup("/api/v1/subjects").WithTags("Passes");
        subjects.MapPatch("/{id:guid}", UpdateSubject).WithName("UpdateSubject").RequireAuthorization(Policies.Write)
            .WithSummary("Change a subject")
            .WithDescription("Changes the members sent (kind, external_id, name, attributes: the attributes sent replace all of them); passes show the change at once.");
        subjects.MapDelete("/{id:guid}", DeleteSubject).WithName("DeleteSubject").RequireAuthorization(Policies.Write)
            .WithSummary("Delete a subject")
            .WithDescription("Deletes a subject that no pass names; 409 with the count otherwise.");
        return app;
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult, ValidationProblem>> UpdateEvent(
        Guid id, UpdateEventRequest request, QrForgeDbContext db, TenantContext tenant, HybridCache cache, AuditTrail audit, CancellationToken ct)
    {
        var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (ev is null)
        {
            return Problems.NotFound("event", id);
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 200))
        {
            errors["name"] = ["name must be 1-200 characters."];
        }

        var starts = request.StartsAt?.UtcDateTime ?? ev.StartsAt;
        var ends = request.EndsAt?.UtcDateTime ?? ev.EndsAt;
        if (ends <= starts)
        {
            errors[request.EndsAt is null ? "starts_at" : "ends_at"] = ["ends_at must be after starts_at."];
        }

        if (request.TimeZone is { } zone && (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            errors["time_zone"] = ["time_zone must be an IANA time zone such as Europe/Berlin."];
        }

        if (request.Checkpoints is { } checkpoints
            && (checkpoints.Count is 0 or > 100 || checkpoints.Exists(c => c is null || !EventEndpoints.CheckpointName().IsMatch(c)) || checkpoints.Distinct(StringComparer.Ordinal).Count() != checkpoints.Count))
        {
            errors["checkpoints"] = ["checkpoints holds 1-100 distinct names of lower-case letters, digits, '.', '_' or '-' (at most 64 characters)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        ev.Name = request.Name?.Trim() ?? ev.Name;
        ev.StartsAt = starts;
        ev.EndsAt = ends;
        ev.TimeZone = request.TimeZone ?? ev.TimeZone;
        ev.Checkpoints = request.Checkpoints ?? ev.Checkpoints;
        await db.SaveChangesAsync(ct);
        await cache.RemoveByTagAsync(PassService.SubjectsTag(tenant.TenantId), ct); // pass snapshots hold the checkpoints
        await audit.RecordAsync("event.update", "event", id.ToString(), $"event '{ev.Name}'", ct);
        return TypedResults.Ok(EventEndpoints.ToResponse(ev));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteEvent(Guid id, QrForgeDbContext db, AuditTrail audit, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id, ct))
        {
            return Problems.NotFound("event", id);
        }

        var passes = await db.Passes.CountAsync(p => p.EventId == id, ct);
        if (passes > 0)
        {
            return InUse("event", id, passes);
        }

        await db.Events.Where(e => e.Id == id).ExecuteDeleteAsync(ct);
        await audit.RecordAsync("event.delete", "event", id.ToString(), "deleted", ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SubjectResponse>, ProblemHttpResult, ValidationProblem>> UpdateSubject(
        Guid id, UpdateSubjectRequest request, QrForgeDbContext db, TenantContext tenant, TimeProvider clock, IOptions<PassesOptions> options, HybridCache cache, AuditTrail audit, CancellationToken ct)
    {
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subject is null)
        {
            return Problems.NotFound("subject", id);
        }

        var kind = request.Kind ?? subject.Kind;
        var externalId = request.ExternalId ?? subject.ExternalId;
        var name = request.Name ?? subject.Name;
        var errors = SubjectEndpoints.Validate(kind, externalId, name, request.Attributes, options.Value.Kinds);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        externalId = externalId.Trim();
        if ((kind != subject.Kind || externalId != subject.ExternalId) && await db.Subjects.AnyAsync(s => s.Id != id && s.Kind == kind && s.ExternalId == externalId, ct))
        {
            return TypedResults.Problem(
                title: "The external id is taken.", detail: $"A {kind} with external_id '{externalId}' exists.",
                statusCode: StatusCodes.Status409Conflict, type: Problems.TypeBase + "conflict");
        }

        subject.Kind = kind;
        subject.ExternalId = externalId;
        subject.Name = name.Trim();
        if (request.Attributes is not null)
        {
            subject.Attributes = PassService.SerializeAttributes(request.Attributes);
        }

        subject.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await cache.RemoveByTagAsync(PassService.SubjectsTag(tenant.TenantId), ct);
        await audit.RecordAsync("subject.update", "subject", id.ToString(), $"{subject.Kind} {subject.ExternalId}", ct);
        return TypedResults.Ok(SubjectEndpoints.ToResponse(subject));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSubject(Guid id, QrForgeDbContext db, AuditTrail audit, CancellationToken ct)
    {
        if (!await db.Subjects.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound("subject", id);
        }

        var passes = await db.Passes.CountAsync(p => p.SubjectId == id, ct);
        if (passes > 0)
        {
            return InUse("subject", id, passes);
        }

        await db.Subjects.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        await audit.RecordAsync("subject.delete", "subject", id.ToString(), "deleted", ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<CheckInRow>>, ProblemHttpResult, ValidationProblem>> ListCheckIns(
        Guid id, QrForgeDbContext db, CancellationToken ct, string? cursor = null, int limit = 50, string? checkpoint = null, Guid? pass_id = null, string? result = null)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors, maxLimit: 1000);
        var wanted = ParseResult(result, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!await db.Events.AnyAsync(e => e.Id == id, ct))
        {
            return Problems.NotFound("event", id);
        }

        var query = db.CheckIns.AsNoTracking().Where(c => c.EventId == id);
        if (!string.IsNullOrEmpty(checkpoint))
        {
            query = query.Where(c => c.Checkpoint == checkpoint);
        }

        if (pass_id is { } passId)
        {
            query = query.Where(c => c.PassId == passId);
        }

        if (wanted is { } w)
        {
            query = query.Where(c => c.Result == w);
        }

        var (rows, next) = await query.ToKeysetPageAsync(after, limit, ct);
        return TypedResults.Ok(new Page<CheckInRow>([.. rows.Select(ToRow)], next));
    }

    private static async Task<IResult> ExportCheckIns(Guid id, QrForgeDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id, ct))
        {
            return Problems.NotFound("event", id);
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"checkins-{id:N}.csv\"";
        var body = http.Response.BodyWriter;
        var line = new StringBuilder();
        Csv.AppendRow(line, ["checkin_id", "scanned_at", "recorded_at", "checkpoint", "direction", "result", "reason", "pass_id", "nonce", "offline"]);
        await foreach (var c in db.CheckIns.AsNoTracking().Where(c => c.EventId == id).OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var row = ToRow(c);
            Csv.AppendRow(line, [
                row.Id.ToString(), row.ScannedAt.ToString("O"), row.RecordedAt.ToString("O"), row.Checkpoint, row.Direction, row.Result,
                row.Reason, row.PassId?.ToString(), row.Nonce, row.Offline ? "true" : "false"]);
            if (line.Length > 16 * 1024)
            {
                await Flush(line, body, ct);
            }
        }

        await Flush(line, body, ct);
        return Results.Empty;

        static async Task Flush(StringBuilder line, System.IO.Pipelines.PipeWriter body, CancellationToken ct)
        {
            System.Text.Encoding.UTF8.GetBytes(line.ToString().AsSpan(), body);
            line.Clear();
            await body.FlushAsync(ct);
        }
    }

    private static CheckInResult? ParseResult(string? result, Dictionary<string, string[]> errors)
    {
        switch (result)
        {
            case null or "": return null;
            case "ok": return CheckInResult.Ok;
            case "already_inside": return CheckInResult.AlreadyInside;
            case "not_inside": return CheckInResult.NotInside;
            case "refused": return CheckInResult.Refused;
            default:
                errors["result"] = ["result must be ok, already_inside, not_inside or refused."];
                return null;
        }
    }

    private static CheckInRow ToRow(CheckIn c) => new(
        c.Id, c.PassId, c.Checkpoint, c.Direction == CheckInDirection.In ? "in" : "out",
        c.Result switch { CheckInResult.Ok => "ok", CheckInResult.AlreadyInside => "already_inside", CheckInResult.NotInside => "not_inside", _ => "refused" },
        c.Reason, c.Nonce, c.ScannedAt, c.RecordedAt, c.Offline);

    private static ProblemHttpResult InUse(string what, Guid id, int passes) => TypedResults.Problem(
        title: $"The {what} has passes.",
        detail: $"{passes} pass(es) name {what} '{id}'; a pass is a signed promise and is revoked, never deleted, so the {what} stays.",
        statusCode: StatusCodes.Status409Conflict,
        type: Problems.TypeBase + "in-use",
        extensions: new Dictionary<string, object?> { ["passes"] = passes });
}
