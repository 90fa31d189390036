using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Backups;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Backups;

/// <summary>
/// The restore drill, on both providers: a writer adds codes while a backup is taken; the backup is restored into a
/// new database, the service starts on it, and every code acknowledged before the backup began is there (and none
/// acknowledged after it ended).
/// </summary>
public abstract class RestoreDrillTests(Database database) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "qrforge-backup-" + Guid.NewGuid().ToString("N"));
    private QrForgeFactory _source = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _source = await QrForgeFactory.CreateAsync(database);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Restore_BackupTakenWhileWriting_HoldsEveryRowAcknowledgedBeforeIt()
    {
        using var client = await _source.CreateClientAsync(Roles.Operator);
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                using var response = await client.PostAsync("/api/v1/codes", Json.Body($$"""{"data":"drill-{{n}}"}"""), CancellationToken.None);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Enqueue((string)(await Json.ReadAsync(response))["id"]!);
            }
        });

        while (acknowledged.Count < 30)
        {
            await Task.Delay(20);
        }

        var before = acknowledged.ToArray();
        var file = Path.Combine(_folder, "drill" + (database == Database.Postgres ? ".dump" : ".db"));
        await using (var scope = _source.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().BackupAsync(file, default);
        }

        var countAfterBackup = acknowledged.Count;
        while (acknowledged.Count < countAfterBackup + 10)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await writer;
        var after = acknowledged.Skip(countAfterBackup).ToArray();

        var target = database == Database.Postgres
            ? await (await PostgresServer.SharedAsync).CreateDatabaseAsync()
            : $"Data Source={Path.Combine(_folder, "restored.db")}";
        var result = await BackupTool.RestoreAsync(database, target, file, force: false);
        Assert.Empty(result.Backup.Pending);

        await using var restored = await QrForgeFactory.CreateAsync(database, connectionString: target);
        using var reader = await restored.CreateClientAsync(Roles.Operator);
        foreach (var id in before)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/codes/{id}")).StatusCode);
        }

        foreach (var id in after)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/codes/{id}")).StatusCode);
        }
    }
}

public sealed class SqliteRestoreDrillTests() : RestoreDrillTests(Database.Sqlite);

public sealed class PostgresRestoreDrillTests() : RestoreDrillTests(Database.Postgres);

/// <summary>Runs <see cref="DatabaseBackup"/> the way <c>qrforge db backup/restore</c> does: on a host built for a database, not started.</summary>
internal static class BackupTool
{
    public static async Task<RestoreResult> RestoreAsync(Database database, string connectionString, string file, bool force)
    {
        await using var app = Build(database, connectionString);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().RestoreAsync(file, force, default);
    }

    public static async Task<FileInfo> BackupAsync(Database database, string connectionString, string file)
    {
        await using var app = Build(database, connectionString);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().BackupAsync(file, default);
    }

    public static WebApplication Build(Database database, string connectionString)
    {
        string[] args =
        [
            $"--QrForge:Database:Provider={(database == Database.Postgres ? "postgres" : "sqlite")}",
            $"--QrForge:Database:ConnectionString={connectionString}",
            "--Logging:LogLevel:Default=Warning",
        ];
        return ServerApp.Build(args);
    }
}
