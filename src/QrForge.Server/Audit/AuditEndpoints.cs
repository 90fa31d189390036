using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Identity;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Audit;

public static class AuditEndpoints
{
    private const int MaxExportRows = 100_000;

    /// <summary>Maps <c>GET /api/v1/audit</c> (JSON pages) and <c>GET /api/v1/audit/export.csv</c>, for admins.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("ListAudit");
        group.MapGet("/export.csv", Export).WithName("ExportAudit");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(
        QrForgeDbContext db, [AsParameters] AuditFilter filter, CancellationToken ct, string? cursor = null, int limit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var query = filter.Apply(db.Set<AuditEntry>().AsNoTracking(), errors);
        var after = Paging.Parse(cursor, limit, errors, maxLimit: 500);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (after is { } last)
        {
            query = query.Where(a => a.Id.CompareTo(last) < 0);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(ct);
        var next = Paging.Next(rows, limit, a => a.Id);
        return TypedResults.Ok(new AuditPage([.. rows.Take(limit).Select(AuditResponse.From)], next));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(QrForgeDbContext db, [AsParameters] AuditFilter filter, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = filter.Apply(db.Set<AuditEntry>().AsNoTracking(), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var csv = new StringBuilder();
        Csv.AppendRow(csv, ["id", "at", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "summary", "client_ip", "request_id"]);
        await foreach (var a in query.OrderBy(a => a.Id).Take(MaxExportRows).AsAsyncEnumerable().WithCancellation(ct))
        {
            Csv.AppendRow(csv, [a.Id.ToString(), a.At.ToString("O", CultureInfo.InvariantCulture), a.ActorKind, a.ActorId?.ToString(), a.Action, a.EntityType, a.EntityId, a.Summary, a.ClientIp, a.RequestId]);
        }

        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "audit.csv");
    }
}

/// <summary>Filters of the audit listing and export.</summary>
public sealed record AuditFilter(
    string? Action,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "entity_type")] string? EntityType,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "entity_id")] string? EntityId,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "actor_id")] Guid? ActorId,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, Dictionary<string, string[]> errors)
    {
        if (From is { } from && To is { } to && to < from)
        {
            errors["to"] = ["to must not be before from."];
        }

        if (!string.IsNullOrEmpty(Action))
        {
            query = query.Where(a => a.Action == Action);
        }

        if (!string.IsNullOrEmpty(EntityType))
        {
            query = query.Where(a => a.EntityType == EntityType);
        }

        if (!string.IsNullOrEmpty(EntityId))
        {
            query = query.Where(a => a.EntityId == EntityId);
        }

        if (ActorId is { } actor)
        {
            query = query.Where(a => a.ActorId == actor);
        }

        if (From is { } start)
        {
            var utc = start.UtcDateTime;
            query = query.Where(a => a.At >= utc);
        }

        if (To is { } end)
        {
            var utc = end.UtcDateTime;
            query = query.Where(a => a.At < utc);
        }

        return query;
    }
}

public sealed record AuditResponse(
    Guid Id, DateTime At, string ActorKind, Guid? ActorId, string Action, string EntityType, string? EntityId, string? Summary, string? ClientIp, string? RequestId)
{
    public static AuditResponse From(AuditEntry a) => new(a.Id, a.At, a.ActorKind, a.ActorId, a.Action, a.EntityType, a.EntityId, a.Summary, a.ClientIp, a.RequestId);
}

public sealed record AuditPage(IReadOnlyList<AuditResponse> Items, string? NextCursor);
