using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Encoding;
using QrForge.Server.Api;
using QrForge.Server.Identity;
using QrForge.Server.Images;
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
        services.AddOptions<LinksOptions>().BindConfiguration(LinksOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<LinkService>();
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
        group.MapGet("/{id:guid}", Get).WithName("GetLink").RequireAuthorization(Policies.Read);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateLink").RequireAuthorization(Policies.Write);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteLink").RequireAuthorization(Policies.Write);
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

    private static async Task<Results<Ok<Page<LinkResponse>>, ValidationProblem>> List(
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
        return TypedResults.Ok(new Page<LinkResponse>([.. items.Select(l => ToResponse(l, counts.GetValueOrDefault(l.Id), http))], next));
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

        var style = link.Style is null ? new ImageStyle() : JsonSerializer.Deserialize<ImageStyle>(link.Style, StoredJson.Options) ?? new ImageStyle();
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
        return ImageResults.Send(http, image, format, 3600);
    }

    /// <summary>The URL the link's QR image encodes: the short URL with the <c>?qr</c> mark, so scans and clicks are told apart.</summary>
    public static string MarkedUrl(HttpContext http, string slug) => $"{PublicUrls.BaseUrl(http)}/r/{slug}?qr";

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
            l.Style is null ? null : JsonSerializer.Deserialize<ImageStyle>(l.Style, StoredJson.Options),
            l.CreatedAt,
            l.UpdatedAt,
            new LinkImageUrls(image + "png", image + "svg", image + "pdf", image + "eps"),
            new LinkCounts(scans, l.MaxScans is null ? null : l.CapCount));
    }

}
