using QrForge.Server.Audit;
using QrForge.Server.Caching;
using QrForge.Server.Codes;
using QrForge.Server.Edge;
using QrForge.Server.Identity;
using QrForge.Server.Jobs;
using QrForge.Server.Links;
using QrForge.Server.Operations;
using QrForge.Server.Passes;
using QrForge.Server.Scans;
using QrForge.Server.Storage;

namespace QrForge.Server;

/// <summary>Builds the service; used by <c>Program</c> and by <c>qrforge serve</c> / <c>qrforge db migrate</c>.</summary>
public static class ServerApp
{
    /// <summary>The address used when no <c>Urls</c> / <c>--urls</c> is configured.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>Builds the host with every feature added and mapped; nothing runs and nothing is migrated yet.</summary>
    /// <param name="args">Command line arguments (e.g. <c>--urls</c>, <c>--QrForge:Database:Provider=postgres</c>).</param>
    /// <param name="contentRoot">Where appsettings.json is looked for; null for the current directory.</param>
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddServerConfiguration();
        builder.AddOperations();
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddIdentity();
        builder.Services.AddAudit();
        builder.Services.AddCaching(builder.Configuration);
        builder.Services.AddCodes(builder.Configuration);
        builder.Services.AddLinks(builder.Configuration);
        builder.Services.AddScans();
        builder.Services.AddJobs(builder.Configuration);
        builder.Services.AddEdge(builder.Configuration);
        builder.Services.AddPasses(builder.Configuration);

        var app = builder.Build();
        app.UseTrustedProxies(); // first: everything after sees the real client address and scheme
        app.UseOperations();
        app.UseEdge(); // security headers, admin allowlist, CORS: before authentication
        app.UseIdentity(); // authentication, the request's tenant, authorization
        app.UseRateLimiter(); // after authentication: partitions by the signed-in principal
        app.MapOperations();
        app.MapIdentity();
        app.MapAudit();
        app.MapCodes();
        app.MapLinks();
        app.MapScans();
        app.MapPasses();
        app.MapCaching();
        return app;
    }

    /// <summary>Applies migrations when configured (the default), then serves until shut down.</summary>
    public static async Task RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.MigrateOnStartupAsync();
        await app.RunAsync();
    }
}
