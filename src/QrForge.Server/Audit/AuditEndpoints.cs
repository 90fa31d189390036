using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Audit;

public static class AuditEndpoints
{
    private const int MaxExportRows = 100_000;

    /// <summary>Maps <c>GET /api/v1/audit</c> (JSON pages) and <c>GET /api/v1/audit/export.csv</c>, for admins.</summary>
    /// <summary>Registers the audit trail every feature records its changes in.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("ListAudit");
        group.MapGet("/export.csv", Export).WithName("ExportAudit");
        return app;
    }

    private static async Task<Results<Ok<Page<AuditResponse>>, ValidationProblem>> List(
        QrForgeDbContext db, [AsParameters] AuditFilter filter, CancellationToken ct, string? cursor = null, int limit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var query = filter.Apply(db.Set<AuditEntry>().AsNoTracking(), errors);
        var after = Paging.Parse(cursor, limit, errors, maxLimit: 500);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }


        var (rows, next) = await query.ToKeysetPageAsync(after, limit, ct);
        return TypedResults.Ok(new Page<AuditResponse>([.. rows.Select(AuditResponse.From)], next));
    }

    private static Results<CsvResult, ValidationProblem> Export(QrForgeDbContext db, [AsParameters] AuditFilter filter, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = filter.Apply(db.Set<AuditEntry>().AsNoTracking(), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return new CsvResult(
            "audit.csv",
            ["id", "at", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "summary", "client_ip", "request_id"],
            query.OrderBy(a => a.Id).Take(MaxExportRows).AsAsyncEnumerable().Select(a => (IReadOnlyList<string?>)[a.Id.ToString(), a.At.ToString("O", CultureInfo.InvariantCulture), a.ActorKind, a.ActorId?.ToString(), a.Action, a.EntityType, a.EntityId, a.Summary, a.ClientIp, a.RequestId]));
    }
}
