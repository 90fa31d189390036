using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Encoding;
using QrForge.Server.Codes;
using QrForge.Server.Identity;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Links;

public static class LinkEndpoints
{
    public const int MaxBulk = 1000;

    private static readonly HybridCacheEntryOptions ImageEntry = new() { Expiration = TimeSpan.FromHours(1), LocalCacheExpiration = TimeSpan.FromMinutes(5) };

    /// <summary>Links, the redirect's scan queue and its background writer.</summary>
    public static IServiceCollection AddLinks(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<LinkService>();
        services.AddSingleton<PendingScans>();
        services.AddSingleton<ScanEnricher>();
        services.AddHostedService<ScanWriter>();
        return services;
    }

    /// <summary>
    /// Maps <c>/api/v1/links</c> (reads need <see cref="Policies.Read"/>, changes <see cref="Policies.Write"/>; link
    /// images are anonymous, like the printed code) and the public redirect <c>/r/{slug}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapLinks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/links").WithTags("Links");
        group.MapPost("/", Create).WithName("CreateLink").RequireAuthorization(Policies.Write);
        group.MapPost("/bulk", CreateMany).WithName("CreateLinks").RequireAuthorization(Policies.Write);
        group.MapGet("/", List).WithName("ListLinks").RequireAuthorization(Policies.Read);
        group.MapGet("/stats", TenantStats).WithName("GetLinksStats").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetLink").RequireAuthorization(Policies.Read);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateLink").RequireAuthorization(Policies.Write);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteLink").RequireAuthorization(Policies.Write);
        group.MapGet("/{id:guid}/stats", Stats).WithName("GetLinkStats").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/scans", Scans).WithName("ListLinkScans").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/scans.csv", ScansCsv).WithName("ExportLinkScans").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/image.{format}", Image).WithName("GetLinkImage").AllowAnonymous();
        app.MapRedirect();
        return app;
    }

    private static async Task<Results<Created<LinkResponse>, ValidationProblem, ProblemHttpResult>> Create(CreateLinkRequest request, LinkService links, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var link = links.Validate(request, errors);
        if (link is null)
        {
            return Problems.Validation(errors);
        }

        if (!await links.CreateAsync(link, ct))
        {
            return SlugTaken(link.Slug);
        }

        return TypedResults.Created($"/api/v1/links/{link.Id}", ToResponse(link, 0, http));
    }

    private static async Task<Results<Ok<BulkCreateLinksResponse>, ValidationProblem>> CreateMany(BulkCreateLinksRequest request, LinkService links, HttpContext http, CancellationToken ct)
    {
        if (request.Links is not { Count: > 0 and <= MaxBulk } rows)
        {
            return Problems.Validation(new() { ["links"] = [$"links must hold 1-{MaxBulk} links."] });
        }

        var baseUrl = PublicUrls.BaseUrl(http);
        return TypedResults.Ok(await links.CreateManyAsync(rows, l => $"{baseUrl}/r/{l.Slug}", ct));
    }

    private static async Task<Results<Ok<LinkPage>, ValidationProblem>> List(
        LinkService links, HttpContext http, CancellationToken ct,
        string? cursor = null, int limit = 50, string? tag = null, string? status = null, string? q = null)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors);

        if (status is not (null or "active" or "disabled"))
        {
            errors["status"] = ["status must be active or disabled."];
        }

        if (q is { Length: > 200 })
        {
            errors["q"] = ["q must be at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (items, next) = await links.ListAsync(after, limit, tag, status, q, ct);
        var counts = await links.ScanCountsAsync([.. items.Select(l => l.Id)], ct);
        return TypedResults.Ok(new LinkPage([.. items.Select(l => ToResponse(l, counts.GetValueOrDefault(l.Id), http))], next?.ToString("N")));
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> Get(Guid id, LinkService links, HttpContext http, CancellationToken ct)
    {
        var link = await links.FindAsync(id, ct);
        if (link is null)
        {
            return Problems.NotFound("link", id);
        }

        var counts = await links.ScanCountsAsync([id], ct);
        return TypedResults.Ok(ToResponse(link, counts.GetValueOrDefault(id), http));
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult, ValidationProblem>> Update(Guid id, UpdateLinkRequest request, LinkService links, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (link, found) = await links.UpdateAsync(id, request, errors, ct);
        if (!found)
        {
            return Problems.NotFound("link", id);
        }

        if (link is null)
        {
            return Problems.Validation(errors);
        }

        var counts = await links.ScanCountsAsync([id], ct);
        return TypedResults.Ok(ToResponse(link, counts.GetValueOrDefault(id), http));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LinkService links, CancellationToken ct) =>
        await links.DeleteAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("link", id);

    private static async Task<Results<Ok<StatsResponse>, ProblemHttpResult, ValidationProblem>> Stats(
        Guid id, LinkService links, CancellationToken ct,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? interval = null, string? tz = null)
    {
        var query = ParseStats(from, to, interval, tz, links.Now, out var errors);
        if (query is null)
        {
            return Problems.Validation(errors);
        }

        if (!await links.Db.Links.AnyAsync(l => l.Id == id, ct))
        {
            return Problems.NotFound("link", id);
        }

        return TypedResults.Ok(await LinkStats.ComputeAsync(links.Db, new StatsScope(id, null), query, ct));
    }

    private static async Task<Results<Ok<StatsResponse>, ValidationProblem>> TenantStats(
        LinkService links, CancellationToken ct,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? interval = null, string? tz = null, string? tag = null)
    {
        var query = ParseStats(from, to, interval, tz, links.Now, out var errors);
        if (tag is { Length: 0 or > 50 })
        {
            errors["tag"] = ["tag must be 1-50 characters."];
            query = null;
        }

        if (query is null)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await LinkStats.ComputeAsync(links.Db, new StatsScope(null, tag), query, ct));
    }

    private static async Task<Results<Ok<ScanPage>, ProblemHttpResult, ValidationProblem>> Scans(
        Guid id, LinkService links, CancellationToken ct, string? cursor = null, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors, maxLimit: 1000);

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!await links.Db.Links.AnyAsync(l => l.Id == id, ct))
        {
            return Problems.NotFound("link", id);
        }

        var query = links.Db.Scans.AsNoTracking().Where(s => s.LinkId == id);
        if (after is { } a)
        {
            query = query.Where(s => s.Id.CompareTo(a) < 0);
        }

        var rows = await query.OrderByDescending(s => s.Id).Take(limit + 1).ToListAsync(ct);
        var next = rows.Count > limit ? rows[limit - 1].Id.ToString("N") : null;
        return TypedResults.Ok(new ScanPage([.. rows.Take(limit).Select(ToResponse)], next));
    }

    private static async Task<IResult> ScansCsv(
        Guid id, LinkService links, HttpContext http, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var link = await links.FindAsync(id, ct);
        if (link is null)
        {
            return Problems.NotFound("link", id);
        }

        var query = links.Db.Scans.AsNoTracking().Where(s => s.LinkId == id);
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

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"scans-{link.Slug}.csv\"";
        var body = http.Response.BodyWriter;
        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(LinkStats.CsvHeader), ct);
        await foreach (var scan in query.OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            System.Text.Encoding.UTF8.GetBytes(LinkStats.CsvLine(scan).AsSpan(), body);
            if (body.UnflushedBytes > 32 * 1024)
            {
                await body.FlushAsync(ct);
            }
        }

        await body.FlushAsync(ct);
        return Results.Empty;
    }

    private static async Task<IResult> Image(
        Guid id, string format, QrForgeDbContext db, HybridCache cache, IOptions<QrForgeOptions> options, HttpContext http, CancellationToken ct)
    {
        format = format.ToLowerInvariant();
        if (!ImageFormat.IsKnown(format))
        {
            return Problems.NotFound("image format", format);
        }

        // Anonymous like the printed code itself: found by id in any tenant.
        var link = await db.Links.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null)
        {
            return Problems.NotFound("link", id);
        }

        var style = link.Style is null ? new CodeStyle() : JsonSerializer.Deserialize<CodeStyle>(link.Style, CodeJson.Options) ?? new CodeStyle();
        var url = MarkedUrl(http, link.Slug);
        var symbol = QrCode.EncodeText(url, new QrEncodeOptions { Ecc = Ecc.M });
        if (!style.FitsWithin(symbol.Size, false, options.Value.Codes.MaxImagePixels))
        {
            return Problems.Validation(new() { ["style.scale"] = [$"The image would exceed {options.Value.Codes.MaxImagePixels} pixels per side."] });
        }

        var key = $"linkimg:{link.TenantId:N}:{link.Id:N}:{link.Revision}:{format}:{url}";
        var image = await cache.GetOrCreateAsync(
            key,
            (symbol, format, style),
            static (state, _) => ValueTask.FromResult(CachedImage.Of(ImageFormat.Render(state.symbol, state.format, state.style.ToRenderOptions()))),
            ImageEntry,
            null,
            ct);
        return CodeEndpoints.ImageResult(http, image, format, 3600);
    }

    /// <summary>The URL the link's QR image encodes: the short URL with the <c>?qr</c> mark, so scans and clicks are told apart.</summary>
    public static string MarkedUrl(HttpContext http, string slug) => $"{PublicUrls.BaseUrl(http)}/r/{slug}?qr";

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
        if (Array.IndexOf(LinkStats.Intervals, interval) < 0)
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
        if (approx > LinkStats.MaxBuckets)
        {
            errors["interval"] = [$"The range holds more than {LinkStats.MaxBuckets} {interval}s; choose a wider interval or a shorter range."];
            return null;
        }

        return query;
    }

    private static ProblemHttpResult SlugTaken(string slug) =>
        TypedResults.Problem(title: "The slug is taken.", detail: $"Another link uses the slug '{slug}'.", statusCode: StatusCodes.Status409Conflict, type: Problems.TypeBase + "slug-taken",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["slug"] = ["The slug is taken."] } });

    internal static LinkResponse ToResponse(Link l, long scans, HttpContext http)
    {
        var baseUrl = PublicUrls.BaseUrl(http);
        var image = $"{baseUrl}/api/v1/links/{l.Id}/image.";
        return new LinkResponse(
            l.Id,
            l.Slug,
            $"{baseUrl}/r/{l.Slug}",
            l.Destination,
            l.Title,
            l.Tags,
            l.Disabled ? "disabled" : "active",
            l.ValidFrom,
            l.ExpiresAt,
            l.MaxScans,
            l.ExpiredUrl,
            l.RedirectStatus,
            l.Style is null ? null : JsonSerializer.Deserialize<CodeStyle>(l.Style, CodeJson.Options),
            l.CreatedAt,
            l.UpdatedAt,
            new LinkImageUrls(image + "png", image + "svg", image + "pdf", image + "eps"),
            new LinkCounts(scans, l.MaxScans is null ? null : l.CapCount));
    }

    private static ScanResponse ToResponse(Scan s) =>
        new(s.Id, s.OccurredAt, s.Source, s.Device, s.Os, s.Browser, s.IsBot, s.ReferrerHost, s.Country, s.VisitorHash, s.Ip);
}
