using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server;
using QrForge.Server.Backups;

namespace QrForge.Cli;

/// <summary>
/// <c>db backup</c> and <c>db restore</c>: one file per backup (SQLite's online backup on the embedded database,
/// pg_dump's custom format on PostgreSQL). A refused restore (not a backup, truncated, newer schema, data in the
/// way without <c>--force</c>) changes nothing and exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal static class BackupCommands
{
    public static Command Backup(CliConsole console)
    {
        var output = CliOptions.Text("--output", "FILE", "Where to write the backup. [default: QrForge:Backup:Directory/qrforge-<UTC time>.db or .dump]", "-o");
        var settings = ServerCommands.Settings();
        var command = new Command("backup", "Write a consistent backup of the database to one file (safe while the service runs).") { output, settings };
        command.SetAction(async (r, ct) =>
        {
            await using var app = ServerApp.Build(ServerCommands.Args(r.GetValue(settings), null), AppContext.BaseDirectory);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var file = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().BackupAsync(r.GetValue(output), ct);
                await console.Out.WriteLineAsync($"Backed up to {file.FullName} ({file.Length} bytes).");
                return ExitCodes.Success;
            }
            catch (BackupRefusedException e)
            {
                return CliApp.Fail(console, ExitCodes.Usage, e.Message);
            }
        });
        return command;
    }

    public static Command Restore(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by 'qrforge db backup'." };
        var force = CliOptions.Flag("--force", "Replace a database that holds data (it is kept aside until the restore succeeded).");
        var settings = ServerCommands.Settings();
        var command = new Command("restore", "Restore the database from a backup file (stop the service first).") { file, force, settings };
        command.SetAction(async (r, ct) =>
        {
            await using var app = ServerApp.Build(ServerCommands.Args(r.GetValue(settings), null), AppContext.BaseDirectory);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().RestoreAsync(r.GetValue(file)!, r.GetValue(force), ct);
                await console.Out.WriteLineAsync(
                    $"Restored {result.Backup.Path} into {result.Target}{(result.Replaced ? " (the previous database was replaced)" : "")}: " +
                    $"{result.Backup.Migrations.Count} schema migrations, {result.Backup.Pending.Count} to apply when the service starts or on 'qrforge db migrate'.");
                return ExitCodes.Success;
            }
            catch (BackupRefusedException e)
            {
                return CliApp.Fail(console, ExitCodes.Usage, e.Message);
            }
        });
        return command;
    }
}
