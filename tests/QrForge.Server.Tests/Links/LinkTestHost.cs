using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Scans;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Links;

/// <summary>Helpers shared by the link tests: a host whose scan writer flushes at once, and short calls.</summary>
internal static class LinkTestHost
{
    public static Task<QrForgeFactory> CreateAsync(Database database, Dictionary<string, string?>? extra = null, string? redis = null, string? connectionString = null, Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?> { ["QrForge:Links:ScanFlushMilliseconds"] = "0" };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return QrForgeFactory.CreateAsync(database, redis, settings, connectionString, clock);
    }

    /// <summary>A client for the public redirect that does not follow redirects (anonymous by design).</summary>
    public static HttpClient Visitor(QrForgeFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static Task<HttpClient> OperatorAsync(QrForgeFactory factory) => factory.CreateClientAsync(Roles.Operator);

    public static async Task<(Guid Id, string Slug)> CreateLinkAsync(HttpClient client, string json)
    {
        var body = await Json.PostAsync(client, "/api/v1/links", json);
        return (Guid.Parse((string)body["id"]!), (string)body["slug"]!);
    }

    public static Task FlushScansAsync(QrForgeFactory factory) => factory.Services.GetRequiredService<PendingScans>().FlushAsync();

    public static async Task<HttpResponseMessage> VisitAsync(HttpClient visitor, string path, string? userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await visitor.SendAsync(request);
    }

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.Found or HttpStatusCode.MovedPermanently or HttpStatusCode.TemporaryRedirect;
}
