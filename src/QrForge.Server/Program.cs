using QrForge.Server;
using QrForge.Server.Storage;

// `--migrate-only` applies pending migrations and exits (for a deployment's one-off migration job).
var migrateOnly = args.Contains("--migrate-only");

// appsettings.json is read from beside the binary, while relative paths (the SQLite file under ./data) stay
// relative to where the service was started; a host that names its own content root (tests) keeps it.
var contentRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory;
var app = ServerApp.Build([.. args.Where(a => a != "--migrate-only")], contentRoot);
if (migrateOnly)
{
    await StorageExtensions.MigrateAsync(app.Services);
    return 0;
}

try
{
    await ServerApp.RunAsync(app);
    return 0;
}
catch (Exception e) when (ServerApp.IsRefusedStart(e))
{
    // Already logged by the host; one plain line for whoever started the process, and no crash dump.
    await Console.Error.WriteLineAsync("qrforge: the service cannot start: " + (e is AggregateException all ? string.Join(" ", all.InnerExceptions.Select(i => i.Message)) : e.Message));
    return ServerApp.ConfigurationExitCode;
}

/// <summary>The service's entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
