using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Api;
using QrForge.Server.Identity;
using QrForge.Server.Jobs;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>
/// Maps what is read from the scans of links: stats per link and per tenant or tag, the scans list and their CSV
/// export (all under <c>/api/v1/links</c>, reads needing <see cref="Policies.Read"/>).
/// </summary>
public static class ScanEndpoints
{
    /// <summary>Registers the scan queue, its enrichment and the background writer, and the clean-up of old visitor sightings.</summary>
    public static IServiceCollection AddScans(this IServiceCollection services)
    {
        services.AddSingleton<PendingScans>();
        services.AddSingleton<ScanEnricher>();
        services.AddHostedService<ScanWriter>();
        services.AddScoped<ICleanupStep, VisitorSightingCleanup>();
        return services;
    }

    public static IEndpointRouteBuilder MapScans(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/links").WithTags("Links");
        group.MapGet("/stats", TenantStats).WithName("GetLinksStats").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/stats", Stats).WithName("GetLinkStats").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/scans", Scans).WithName("ListLinkScans").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/scans.csv", ScansCsv).WithName("ExportLinkScans").RequireAuthorization(Policies.Read);
        return app;
    }

    private static async Task<Results<Ok<StatsResponse>, ProblemHttpResult, ValidationProblem>> Stats(
        Guid id, QrForgeDbContext db, TimeProvider clock, CancellationToken ct,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? interval = null, string? tz = null)
    {
        var query = ParseStats(from, to, interval, tz, clock.GetUtcNow().UtcDateTime, out var errors);
        if (query is null)
        {
            return Problems.Validation(errors);
        }

        if (!await db.Links.AnyAsync(l => l.Id == id, ct))
        {
            return Problems.NotFound("link", id);
        }

        return TypedResults.Ok(await ScanStats.ComputeAsync(db, new StatsScope(id, null), query, ct));
    }

    private static async Task<Results<Ok<StatsResponse>, ValidationProblem>> TenantStats(
        QrForgeDbContext db, TimeProvider clock, CancellationToken ct,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? interval = null, string? tz = null, string? tag = null)
    {
        var query = ParseStats(from, to, interval, tz, clock.GetUtcNow().UtcDateTime, out var errors);
        if (tag is { Length: 0 or > 50 })
        {
            errors["tag"] = ["tag must be 1-50 characters."];
            query = null;
        }

        if (query is null)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await ScanStats.ComputeAsync(db, new StatsScope(null, tag), query, ct));
    }

    private static async Task<Results<Ok<Page<ScanResponse>>, ProblemHttpResult, ValidationProblem>> Scans(
        Guid id, QrForgeDbContext db, TimeProvider clock, CancellationToken ct, string? cursor = null, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors, maxLimit: 1000);

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!await db.Links.AnyAsync(l => l.Id == id, ct))
        {
            return Problems.NotFound("link", id);
        }

        var query = db.Scans.AsNoTracking().Where(s => s.LinkId == id);

        var (rows, next) = await query.ToKeysetPageAsync(after, limit, ct);
        return TypedResults.Ok(new Page<ScanResponse>([.. rows.Select(ToResponse)], next));
    }

    private static async Task<IResult> ScansCsv(
        Guid id, QrForgeDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var link = await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null)
        {
            return Problems.NotFound("link", id);
        }

        var query = db.Scans.AsNoTracking().Where(s => s.LinkId == id);
        if (from is { } f)
        {
            var fromUtc = f.UtcDateTime;
            query = query.Where(s => s.OccurredAt >= fromUtc);
        }

        if (to is { } t)
        {
            var toUtc = t.UtcDateTime;
            query = query.Where(s => s.OccurredAt < toUtc);
        }

        return new CsvResult($"scans-{link.Slug}.csv", ScanStats.CsvColumns, query.OrderBy(s => s.Id).AsAsyncEnumerable().Select(ScanStats.CsvCells));
    }

    private static StatsQuery? ParseStats(DateTimeOffset? from, DateTimeOffset? to, string? interval, string? tz, DateTime now, out Dictionary<string, string[]> errors)
    {
        errors = [];
        // The default range ends at the next quarter hour (nothing is recorded after now), so it is served
        // from the roll-ups, which need quarter-hour boundaries.
        var end = to?.UtcDateTime ?? ScanRollups.QuarterOf(now.AddTicks(ScanRollups.Quarter.Ticks - 1));
        var start = from?.UtcDateTime ?? end.AddDays(-30);
        if (start >= end)
        {
            errors["from"] = ["from must be before to."];
        }

        interval ??= "day";
        if (Array.IndexOf(ScanStats.Intervals, interval) < 0)
        {
            errors["interval"] = ["interval must be hour, day, week or month."];
        }

        TimeZoneInfo? zone = TimeZoneInfo.Utc;
        if (tz is not null && (tz.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out zone)))
        {
            errors["tz"] = ["tz must be an IANA time zone such as Europe/Berlin."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var query = new StatsQuery(start, end, interval, zone!);
        var span = end - start;
        var approx = interval switch { "hour" => span.TotalHours, "day" => span.TotalDays, "week" => span.TotalDays / 7, _ => span.TotalDays / 28 };
        if (approx > ScanStats.MaxBuckets)
        {
            errors["interval"] = [$"The range holds more than {ScanStats.MaxBuckets} {interval}s; choose a wider interval or a shorter range."];
            return null;
        }

        return query;
    }

    private static ScanResponse ToResponse(Scan s) =>
        new(s.Id, s.OccurredAt, s.Source, s.Device, s.Os, s.Browser, s.IsBot, s.ReferrerHost, s.Country, s.VisitorHash, s.Ip);
}
