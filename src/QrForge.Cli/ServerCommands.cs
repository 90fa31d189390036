using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Cli.Hosting;
using QrForge.Server;
using QrForge.Server.Jobs;
using QrForge.Server.Storage;

namespace QrForge.Cli;

/// <summary>
/// The commands that run the service or work on its database: <c>serve</c>, <c>db migrate</c> (with <c>db backup</c>/<c>db restore</c> from <see cref="BackupCommands"/>) and
/// <c>codes cleanup</c>. Settings come from appsettings.json beside the tool, environment variables
/// (<c>QrForge__…</c>, <c>DATABASE_URL</c>, <c>REDIS_HOST</c>…) and <c>--key=value</c> pairs after <c>--</c>.
/// </summary>
internal static class ServerCommands
{
    public static Command Serve(CliConsole console)
    {
        var urls = CliOptions.Text("--urls", "URLS", "Where to listen. [default: http://localhost:8080]");
        var settings = Settings();
        var command = new Command("serve", "Run the QrForge service (SQLite under ./data unless configured otherwise).") { urls, settings };
        command.SetAction(async (r, ct) =>
        {
            var app = ServerApp.Build(Args(r.GetValue(settings), r.GetValue(urls)), AppContext.BaseDirectory);
            await ServerApp.RunAsync(app);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Db(CliConsole console)
    {
        var settings = Settings();
        var migrate = new Command("migrate", "Apply pending database migrations and exit.") { settings };
        migrate.SetAction(async (r, ct) =>
        {
            using var host = CliHost.Build(r.GetValue(settings));
            await StorageExtensions.MigrateAsync(host.Services, ct);
            await console.Out.WriteLineAsync("Database migrated.");
            return ExitCodes.Success;
        });
        return new Command("db", "Database tasks.") { migrate, BackupCommands.Backup(console), BackupCommands.Restore(console) };
    }

    public static Command Codes(CliConsole console)
    {
        var settings = Settings();
        var cleanup = new Command("cleanup", "Remove expired codes now (the service also does this hourly).") { settings };
        cleanup.SetAction(async (r, ct) =>
        {
            using var host = CliHost.Build(r.GetValue(settings));
            await host.Services.MigrateOnStartupAsync();
            await using var scope = host.Services.CreateAsyncScope();
            var removed = await scope.ServiceProvider.GetRequiredService<ExpiryCleanup>().RunOnceAsync(ct);
            await console.Out.WriteLineAsync($"Removed {removed} expired codes.");
            return ExitCodes.Success;
        });
        var codes = new Command("codes", "Stored codes: cleanup on the database; list, get, create, delete on a running service (--server).") { cleanup };
        Client.ApiCommands.AddCodes(codes, console);
        return codes;
    }

    internal static Argument<string[]> Settings() => new("SETTINGS")
    {
        Description = "Configuration overrides such as --QrForge:Database:Provider=postgres (after --).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    internal static string[] Args(string[]? settings, string? urls)
    {
        // Log lines go to standard error at every level, so standard output holds only the command's own answer;
        // a setting given on the command line comes later and still wins.
        var args = new List<string> { "--Logging:Console:LogToStandardErrorThreshold=Trace" };
        args.AddRange(settings ?? []);
        if (!string.IsNullOrEmpty(urls))
        {
            args.Add("--urls=" + urls);
        }

        return [.. args];
    }
}
