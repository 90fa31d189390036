using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Backups;

/// <summary>What a backup file holds, as read before anything is restored from it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Migrations">The schema migrations applied in the backed-up database, oldest first.</param>
/// <param name="Pending">Migrations this build knows and the backup lacks: applied when the service starts on it.</param>
public sealed record BackupFile(string Path, IReadOnlyList<string> Migrations, IReadOnlyList<string> Pending);

/// <summary>What a restore did.</summary>
/// <param name="Backup">The file restored, as inspected.</param>
/// <param name="Target">The database restored into (a file for SQLite, a database name for PostgreSQL).</param>
/// <param name="Replaced">Whether a database was there before (it was kept aside until the restore succeeded, then removed).</param>
public sealed record RestoreResult(BackupFile Backup, string Target, bool Replaced);

/// <summary>
/// Backs the configured database up to one file and restores one: SQLite's online backup API on the embedded
/// default (a consistent copy taken while the service writes), <c>pg_dump</c>/<c>pg_restore</c> in the custom
/// format on PostgreSQL. A restore reads the whole file and checks it before it touches the database: the file
/// must be a backup of this provider, complete, and no newer than this build's schema.
/// </summary>
public sealed class DatabaseBackup(IConfiguration configuration, IOptions<BackupOptions> options, IServiceScopeFactory scopes, TimeProvider clock)
{
    private DatabaseOptions Database => configuration.GetSection(QrForgeOptions.Section).Get<QrForgeOptions>()?.Database ?? new DatabaseOptions();

    /// <summary>The file a backup taken now is written to when none is named: <c>{Directory}/qrforge-20261202T154500Z.db</c> (<c>.dump</c> on PostgreSQL).</summary>
    public string DefaultPath()
    {
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return Path.Combine(options.Value.Directory, $"{BackupRetention.Prefix}{stamp}{(Database.IsPostgres ? PostgresBackup.Extension : SqliteBackup.Extension)}");
    }

    /// <summary>Writes a backup of the configured database to <paramref name="output"/> (default <see cref="DefaultPath"/>).</summary>
    /// <returns>The file written; it appears complete or not at all.</returns>
    /// <exception cref="BackupRefusedException">The file exists already, or there is no database to back up.</exception>
    public async Task<FileInfo> BackupAsync(string? output, CancellationToken ct)
    {
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(output) ? DefaultPath() : output);
        if (File.Exists(path))
        {
            throw new BackupRefusedException($"{path} exists already: name a new file.");
        }

        if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        var partial = path + ".partial";
        File.Delete(partial);
        try
        {
            if (Database.IsPostgres)
            {
                await Postgres().BackupAsync(partial, ct);
            }
            else
            {
                await SqliteBackup.BackupAsync(SqliteConnectionString(), partial, ct);
            }

            File.Move(partial, path);
        }
        finally
        {
            File.Delete(partial);
        }

        return new FileInfo(path);
    }

    /// <summary>Reads and checks a backup file without touching the database.</summary>
    /// <exception cref="BackupRefusedException">Not a backup of this provider, truncated or damaged, or from a newer schema.</exception>
    public async Task<BackupFile> InspectAsync(string file, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new BackupRefusedException($"{path} does not exist.");
        }

        var kind = BackupFormat.Detect(path);
        if (kind == BackupKind.None)
        {
            throw new BackupRefusedException($"{path} is not a QrForge backup: it is neither a SQLite database nor a PostgreSQL custom-format dump.");
        }

        if (kind == BackupKind.PostgresDump != Database.IsPostgres)
        {
            throw new BackupRefusedException(
                $"{path} is a {(kind == BackupKind.PostgresDump ? "PostgreSQL dump" : "SQLite backup")} but the configured database is {(Database.IsPostgres ? "PostgreSQL" : "SQLite")}: restore it with the provider it was taken from.");
        }

        var migrations = Database.IsPostgres
            ? await Postgres().ReadMigrationsAsync(path, ct)
            : await SqliteBackup.ReadMigrationsAsync(path, ct);
        var known = await KnownMigrationsAsync();
        var unknown = migrations.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupRefusedException(
                $"{path} comes from a newer QrForge: its schema has migrations this build does not know ({string.Join(", ", unknown)}). Restore it with that version or a newer one.");
        }

        var present = migrations.ToHashSet(StringComparer.Ordinal);
        return new BackupFile(path, migrations, [.. known.Where(m => !present.Contains(m))]);
    }

    /// <summary>
    /// Restores <paramref name="file"/> into the configured database once it passed <see cref="InspectAsync"/>. A
    /// database holding data is replaced only with <paramref name="force"/>; it is kept aside until the restored one
    /// is complete and in place, and put back if anything fails. Stop the service first.
    /// </summary>
    /// <exception cref="BackupRefusedException">The file was refused, or the database holds data and <paramref name="force"/> is off.</exception>
    public async Task<RestoreResult> RestoreAsync(string file, bool force, CancellationToken ct)
    {
        var backup = await InspectAsync(file, ct);
        if (Database.IsPostgres)
        {
            var postgres = Postgres();
            var holdsData = await postgres.HoldsDataAsync(ct);
            RefuseUnlessForced(holdsData, force, $"the PostgreSQL database {postgres.DatabaseName}");
            var replaced = await postgres.RestoreAsync(backup.Path, ct);
            return new RestoreResult(backup, postgres.DatabaseName, replaced);
        }
        else
        {
            var connectionString = SqliteConnectionString();
            var target = SqliteBackup.FilePath(connectionString);
            RefuseUnlessForced(await SqliteBackup.HoldsDataAsync(target, ct), force, $"the database {target}");
            var replaced = await SqliteBackup.RestoreAsync(backup.Path, target, clock, ct);
            return new RestoreResult(backup, target, replaced);
        }
    }

    private static void RefuseUnlessForced(bool holdsData, bool force, string what)
    {
        if (holdsData && !force)
        {
            throw new BackupRefusedException($"{what} holds data: restoring replaces it, so say --force (it is kept aside until the restore succeeded).");
        }
    }

    private async Task<HashSet<string>> KnownMigrationsAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<QrForgeDbContext>().Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
    }

    private string SqliteConnectionString() => Database.ConnectionString ?? StorageExtensions.DefaultSqliteConnectionString;

    private PostgresBackup Postgres() => new(
        Database.ConnectionString ?? throw new BackupRefusedException("QrForge:Database:ConnectionString (or DATABASE_URL) is required for PostgreSQL."),
        options.Value.PgBinDirectory);
}

/// <summary>What a file looks like from its first bytes.</summary>
internal enum BackupKind
{
    None,
    Sqlite,
    PostgresDump,
}

internal static class BackupFormat
{
    // "SQLite format 3\0": the first 16 bytes of every SQLite 3 database (sqlite.org/fileformat.html, 1.3).
    private static ReadOnlySpan<byte> SqliteMagic => "SQLite format 3\0"u8;

    // pg_dump's custom format starts with "PGDMP" (pg_backup_archiver.c, WriteHead).
    private static ReadOnlySpan<byte> PostgresMagic => "PGDMP"u8;

    public static BackupKind Detect(string path)
    {
        Span<byte> head = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        return head.StartsWith(SqliteMagic) ? BackupKind.Sqlite
            : head.StartsWith(PostgresMagic) ? BackupKind.PostgresDump
            : BackupKind.None;
    }
}
