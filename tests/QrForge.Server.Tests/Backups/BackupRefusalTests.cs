using Microsoft.Data.Sqlite;
using Npgsql;
using QrForge.Server.Backups;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Backups;

/// <summary>
/// Every refused restore, on both providers: nothing is touched (the target database keeps its rows) and the message
/// says why. The command line's exit code for these is tested in QrForge.Cli.Tests.
/// </summary>
public abstract class BackupRefusalTests(Database database) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "qrforge-refusal-" + Guid.NewGuid().ToString("N"));
    private QrForgeFactory _source = null!;
    private string _backup = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _source = await QrForgeFactory.CreateAsync(database);
        await _source.SignInAsync(Roles.Operator); // a user, a tenant: the database holds data
        _backup = Path.Combine(_folder, "good" + Extension);
        await BackupTool.BackupAsync(database, _source.ConnectionString, _backup);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Extension => database == Database.Postgres ? ".dump" : ".db";

    [Fact]
    public async Task Restore_FileIsNotABackup_IsRefused()
    {
        var file = Path.Combine(_folder, "notes" + Extension);
        await File.WriteAllTextAsync(file, "these are my notes, not a database");
        var e = await RefusedAsync(file, force: true);
        Assert.Contains("not a QrForge backup", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_TruncatedBackup_IsRefused()
    {
        var file = Path.Combine(_folder, "truncated" + Extension);
        var bytes = await File.ReadAllBytesAsync(_backup);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length * 2 / 3)]);
        var e = await RefusedAsync(file, force: true);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_BackupFromANewerSchema_IsRefusedNamingTheMigration()
    {
        await ExecuteAsync(_source.ConnectionString, """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000000_FromTheFuture', '99.0.0')""");
        var file = Path.Combine(_folder, "newer" + Extension);
        await BackupTool.BackupAsync(database, _source.ConnectionString, file);
        var e = await RefusedAsync(file, force: true);
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
        Assert.Contains("29991231000000_FromTheFuture", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_OverADatabaseWithDataWithoutForce_IsRefused()
    {
        var e = await RefusedAsync(_backup, force: false);
        Assert.Contains("--force", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_OverADatabaseWithDataWithForce_ReplacesIt()
    {
        await _source.SignInAsync(Roles.Viewer); // a second user, after the backup
        var result = await BackupTool.RestoreAsync(database, _source.ConnectionString, _backup, force: true);
        Assert.True(result.Replaced);
        Assert.Equal(1L, await CountUsersAsync(_source.ConnectionString));
        if (database == Database.Sqlite)
        {
            var target = new SqliteConnectionStringBuilder(_source.ConnectionString).DataSource;
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(target))!, Path.GetFileName(target) + ".before-restore-*"));
        }
    }

    [Fact]
    public async Task Restore_BackupOfTheOtherProvider_IsRefused()
    {
        var file = Path.Combine(_folder, "other" + Extension);
        await File.WriteAllBytesAsync(file, database == Database.Postgres ? "SQLite format 3\0 and then some"u8.ToArray() : "PGDMP and then some"u8.ToArray());
        var e = await RefusedAsync(file, force: true);
        Assert.Contains("provider it was taken from", e.Message, StringComparison.Ordinal);
    }

    private async Task<BackupRefusedException> RefusedAsync(string file, bool force)
    {
        var users = await CountUsersAsync(_source.ConnectionString);
        var e = await Assert.ThrowsAsync<BackupRefusedException>(() => BackupTool.RestoreAsync(database, _source.ConnectionString, file, force));
        Assert.Equal(users, await CountUsersAsync(_source.ConnectionString)); // untouched
        return e;
    }

    private async Task<long> CountUsersAsync(string connectionString) =>
        Convert.ToInt64(await ExecuteAsync(connectionString, "SELECT count(*) FROM users"), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        if (database == Database.Postgres)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }
        else
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
    }
}

public sealed class SqliteBackupRefusalTests() : BackupRefusalTests(Database.Sqlite);

public sealed class PostgresBackupRefusalTests() : BackupRefusalTests(Database.Postgres);
