using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Operations;
using QrForge.Server.Scans;
using QrForge.Server.Storage;

namespace QrForge.Server.Links;

/// <summary>
/// The public redirect <c>GET|HEAD /r/{slug}</c>. The hot path reads the route from the cache (no database read
/// on a hit), answers with the link's status and <c>Location</c>, and queues the scan; the only database work
/// on a request is the atomic cap counter of links with <c>max_scans</c>. No exceptions, no synchronous I/O.
/// </summary>
public static class RedirectEndpoints
{
    private const string NoStore = "no-store, no-cache, max-age=0, must-revalidate";

    public static IEndpointRouteBuilder MapRedirect(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/r/{slug}", [HttpMethods.Get, HttpMethods.Head], Redirect)
            .WithName("Redirect").WithTags("Links").AllowAnonymous()
            .Produces(StatusCodes.Status302Found).Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status410Gone);
        return app;
    }

    private static async Task<IResult> Redirect(
        string slug, HttpContext http, HybridCache cache, TimeProvider clock, PendingScans scans, IOptions<LinksOptions> options, QrForgeMetrics metrics)
    {
        var settings = options.Value;
        var response = http.Response;
        response.Headers.CacheControl = NoStore;
        if (!Slugs.IsPlausible(slug))
        {
            metrics.Redirect("not_found");
            return NotFound(http);
        }

        var now = clock.GetUtcNow();
        var route = await RouteAsync(slug, http, cache, now.UtcDateTime, settings, http.RequestAborted);
        if (!route.Exists || route.Disabled || (route.ValidFrom is { } from && from > now.UtcDateTime))
        {
            metrics.Redirect("not_found");
            return NotFound(http);
        }

        if (route.ExpiresAt is { } expires && expires <= now.UtcDateTime)
        {
            metrics.Redirect("expired");
            return Gone(http, route, "The link has expired.");
        }

        var isHead = HttpMethods.IsHead(http.Request.Method);
        if (route.MaxScans is not null && !isHead && !await TryCountAsync(http, route.Id))
        {
            metrics.Redirect("exhausted");
            return Gone(http, route, "The link has reached its scan limit.");
        }

        if (!isHead)
        {
            var request = http.Request;
            var headers = request.Headers;
            var country = string.IsNullOrEmpty(settings.CountryHeader) ? null : headers[settings.CountryHeader].ToString();
            scans.TryAdd(new ScanEvent(
                route.Id, route.TenantId, now, request.Query.ContainsKey("qr"),
                Bounded(headers.UserAgent.ToString()), Bounded(headers.Referer.ToString()), http.Connection.RemoteIpAddress, country));
        }

        metrics.Redirect("redirect");
        response.StatusCode = route.RedirectStatus;
        response.Headers.Location = route.Destination;
        response.Headers["Referrer-Policy"] = settings.ReferrerPolicy;
        return Results.Empty;
    }

    // Queued scans hold header text until written: a bound keeps a full queue's memory bounded too.
    private static string Bounded(string value) => value.Length <= 512 ? value : value[..512];

    /// <summary>
    /// The route from the cache, never older than the staleness bound: an entry read from the database longer
    /// ago than that (for instance one another node put in Redis) is read again from the database.
    /// </summary>
    private static async ValueTask<LinkRoute> RouteAsync(string slug, HttpContext http, HybridCache cache, DateTime now, LinksOptions settings, CancellationToken ct)
    {
        var (bound, entry, refresh) = EntryOptions(settings);
        var key = LinkRoute.Key(slug);
        var state = (http.RequestServices.GetRequiredService<IServiceScopeFactory>(), slug, now);
        var route = await cache.GetOrCreateAsync(key, state, LoadAsync, entry, null, ct);
        if (now - route.LoadedAt > bound)
        {
            route = await cache.GetOrCreateAsync(key, state, LoadAsync, refresh, null, ct);
        }

        return route;
    }

    private static RouteEntries? _entryOptions; // a reference, so threads never see a half-written value

    private sealed record RouteEntries(double Seconds, TimeSpan Bound, HybridCacheEntryOptions Entry, HybridCacheEntryOptions Refresh);

    // Made once per configured bound, not per request.
    private static (TimeSpan Bound, HybridCacheEntryOptions Entry, HybridCacheEntryOptions Refresh) EntryOptions(LinksOptions settings)
    {
        if (_entryOptions is { } made && made.Seconds == settings.StalenessSeconds)
        {
            return (made.Bound, made.Entry, made.Refresh);
        }

        var bound = TimeSpan.FromSeconds(settings.StalenessSeconds);
        var entry = new HybridCacheEntryOptions { Expiration = bound, LocalCacheExpiration = bound };
        var refresh = new HybridCacheEntryOptions
        {
            Expiration = bound,
            LocalCacheExpiration = bound,
            Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead,
        };
        _entryOptions = new RouteEntries(settings.StalenessSeconds, bound, entry, refresh);
        return (bound, entry, refresh);
    }

    // Its own scope: HybridCache may run the factory for several waiting requests, beyond the first one's lifetime.
    private static async ValueTask<LinkRoute> LoadAsync((IServiceScopeFactory Scopes, string Slug, DateTime Now) state, CancellationToken ct)
    {
        await using var scope = state.Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var slug = state.Slug;
        var link = await db.Links.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.Slug == slug, ct);
        return link is null ? LinkRoute.Missing(state.Now) : LinkRoute.From(link, state.Now);
    }

    // One conditional UPDATE: correct across nodes, since the database serialises the row.
    private static async Task<bool> TryCountAsync(HttpContext http, Guid id)
    {
        var db = http.RequestServices.GetRequiredService<QrForgeDbContext>();
        var updated = await db.Links.IgnoreQueryFilters()
            .Where(l => l.Id == id && l.MaxScans != null && l.CapCount < l.MaxScans)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CapCount, l => l.CapCount + 1), http.RequestAborted);
        return updated == 1;
    }

    private static bool WantsJson(HttpContext http)
    {
        foreach (var accept in http.Request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IResult NotFound(HttpContext http) => WantsJson(http)
        ? Problems.NotFound("link", "this slug")
        : Page(StatusCodes.Status404NotFound, RedirectPages.NotFound);

    private static IResult Gone(HttpContext http, LinkRoute route, string title)
    {
        if (route.ExpiredUrl is { } elsewhere)
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.Headers.Location = elsewhere;
            return Results.Empty;
        }

        return WantsJson(http)
            ? TypedResults.Problem(title: title, statusCode: StatusCodes.Status410Gone, type: Problems.TypeBase + "link-gone")
            : Page(StatusCodes.Status410Gone, RedirectPages.Gone);
    }

    private static StatusPage Page(int status, byte[] html) => new StatusPage(status, html);

    /// <summary>A fixed HTML body with a status other than 200.</summary>
    private sealed class StatusPage(int status, byte[] html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength = html.Length;
            return response.Body.WriteAsync(html).AsTask();
        }
    }
}

/// <summary>The small, fixed pages a browser sees when a link does not redirect (no user data in them).</summary>
internal static class RedirectPages
{
    public static readonly byte[] NotFound = Build("Link not found", "This link does not exist or has been switched off.");

    public static readonly byte[] Gone = Build("Link no longer available", "This link has expired or reached its limit.");

    private static byte[] Build(string title, string text) => System.Text.Encoding.UTF8.GetBytes(
        $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="robots" content="noindex"><title>{{title}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:20vh auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style>
        </head><body><h1>{{title}}</h1><p>{{text}}</p></body></html>
        """);
}
