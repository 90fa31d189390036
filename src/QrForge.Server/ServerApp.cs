using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Backups;
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
    /// <summary>
    /// The address used when none is configured: no <c>--urls</c>, <c>Urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c> or <c>ASPNETCORE_HTTPS_PORTS</c>, and no <c>Kestrel:Endpoints</c>.
    /// </summary>
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>Builds the host with every feature added and mapped; nothing runs and nothing is migrated yet.</summary>
    /// <param name="args">Command line arguments (e.g. <c>--urls</c>, <c>--QrForge:Database:Provider=postgres</c>).</param>
    /// <param name="contentRoot">Where appsettings.json is looked for; null for the current directory.</param>
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        if (!HasConfiguredAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel((context, kestrel) => KestrelLimits.Apply(kestrel.Limits, context.Configuration));
        builder.AddFeatures();
        builder.AddApi();

        var app = builder.Build();
        HostCheck.WarnWhenOpen(app);
        app.UseTrustedProxies(); // first: everything after sees the real client address and scheme
        app.UseOperations();
        app.UseEdge(); // security headers, admin allowlist, CORS: before authentication
        app.UseRequestGuard(); // media type, charset, NUL, Host: a bad request is answered as such, not as 401
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

    /// <summary>
    /// Builds a services-only host for the command line (<c>db migrate</c>, <c>users create</c>, <c>console</c>,
    /// <c>doctor</c>): the same configuration and services as <see cref="Build"/>, but no Kestrel, no middleware, no
    /// endpoints and no hosted (background) services. Logs go to standard error, so standard output stays the
    /// command's own.
    /// </summary>
    /// <param name="args">Configuration overrides (e.g. <c>--QrForge:Database:Provider=postgres</c>).</param>
    /// <param name="contentRoot">Where appsettings.json is looked for; null for the current directory.</param>
    /// <param name="configure">Registrations on top of the features' (the console adds its database interceptors).</param>
    public static IHost BuildServices(string[] args, string? contentRoot = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = contentRoot });
        builder.AddFeatures();
        configure?.Invoke(builder.Services);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.RemoveAll<IHostedService>();
        return builder.Build();
    }

    // Every feature's services, shared by the web host and the services-only host.
    private static void AddFeatures<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
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
        builder.Services.AddBackups(builder.Configuration);
    }

    /// <summary>
    /// True when the platform is told where to listen: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>),
    /// <c>http_ports</c> / <c>https_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>, as container images set) or Kestrel
    /// endpoints. appsettings.json sets none of them, so the platform's variables are never overridden.
    /// </summary>
    public static bool HasConfiguredAddress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrEmpty(configuration["urls"]) || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"]) || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
    }

    /// <summary>The exit code of a start refused for its settings (<c>EX_CONFIG</c> of sysexits.h).</summary>
    public const int ConfigurationExitCode = 78;

    /// <summary>Applies migrations when configured (the default), then serves until shut down.</summary>
    public static async Task RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.MigrateOnStartupAsync();
        await app.RunAsync();
    }

    /// <summary>
    /// True for the failures of a start that only new settings can fix (invalid options, a refused bootstrap admin):
    /// the entry point reports them on one line instead of as a crash.
    /// </summary>
    public static bool IsRefusedStart(Exception exception) =>
        exception is StartupRefusedException or OptionsValidationException
        || (exception is AggregateException all && all.InnerExceptions.All(IsRefusedStart));
}
