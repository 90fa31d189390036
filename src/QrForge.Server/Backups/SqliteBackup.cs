using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QrForge.Server.Backups;

/// <summary>
/// SQLite backups through the online backup API (<c>sqlite3_backup_*</c>, Microsoft.Data.Sqlite's
/// <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>): the pages are copied in one step under a read
/// transaction, so the copy is the database as of one commit while the service goes on writing (write-ahead
/// logging lets it). The copy is switched to a rollback journal so that it is one self-contained file.
/// </summary>
internal static class SqliteBackup
{
    public const string Extension = ".db";

    private const string MigrationsTable = "__EFMigrationsHistory";

    public static async Task BackupAsync(string connectionString, string destination, CancellationToken ct)
    {
        var source = FilePath(connectionString);
        if (!File.Exists(source))
        {
            throw new BackupRefusedException($"there is no SQLite database at {source} to back up.");
        }

        // Read-write (nothing is written): a read-only connection cannot open a write-ahead-logged file whose -wal is gone.
        await using (var from = Open(source, SqliteOpenMode.ReadWrite))
        await using (var to = Open(destination, SqliteOpenMode.ReadWriteCreate))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            from.BackupDatabase(to);
            await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", ct);
        }
    }

    /// <summary>Checks that the file is a complete SQLite database with QrForge's migration history and returns it.</summary>
    public static async Task<List<string>> ReadMigrationsAsync(string path, CancellationToken ct)
    {
        CheckLength(path);
        await using var connection = Open(path, SqliteOpenMode.ReadOnly);
        try
        {
            await connection.OpenAsync(ct);
            var check = Convert.ToString(await ScalarAsync(connection, "PRAGMA quick_check;", ct), CultureInfo.InvariantCulture);
            if (check != "ok")
            {
                throw new BackupRefusedException($"{path} is damaged (SQLite's check says: {check}).");
            }

            if (Convert.ToInt64(await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{MigrationsTable}';", ct), CultureInfo.InvariantCulture) == 0)
            {
                throw new BackupRefusedException($"{path} is a SQLite database but not a QrForge backup: it has no migration history.");
            }

            var migrations = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT MigrationId FROM \"{MigrationsTable}\" ORDER BY MigrationId;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                migrations.Add(reader.GetString(0));
            }

            return migrations;
        }
        catch (SqliteException e)
        {
            throw new BackupRefusedException($"{path} cannot be read as a SQLite database ({e.Message}); it is truncated or damaged.", e);
        }
    }

    /// <summary>Whether the database file exists and any of its tables (other than the migration history) has a row.</summary>
    public static async Task<bool> HoldsDataAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return false;
        }

        await using var connection = Open(path, SqliteOpenMode.ReadWrite);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%';";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            if (await ScalarAsync(connection, $"SELECT 1 FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" LIMIT 1;", ct) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Copies the backup beside the target, checks the copy, moves the current database (with its -wal and -shm
    /// files) aside, puts the copy in its place, and only then removes the old one; on any failure the old one is
    /// put back. Returns whether a database was replaced.
    /// </summary>
    public static async Task<bool> RestoreAsync(string backup, string target, TimeProvider clock, CancellationToken ct)
    {
        if (Path.GetDirectoryName(target) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var incoming = target + ".restoring";
        DeleteWithCompanions(incoming);
        await using (var from = Open(backup, SqliteOpenMode.ReadOnly))
        await using (var to = Open(incoming, SqliteOpenMode.ReadWriteCreate))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            from.BackupDatabase(to);
            await ExecuteAsync(to, "PRAGMA journal_mode=WAL;", ct);
            var check = Convert.ToString(await ScalarAsync(to, "PRAGMA quick_check;", ct), CultureInfo.InvariantCulture);
            if (check != "ok")
            {
                throw new BackupRefusedException($"the restored copy failed SQLite's check ({check}); the database was not touched.");
            }
        }

        // Connections kept in the pool would hold the old file open.
        SqliteConnection.ClearAllPools();
        var aside = $"{target}.before-restore-{clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture)}";
        var replaced = File.Exists(target);
        if (replaced)
        {
            MoveWithCompanions(target, aside);
        }

        try
        {
            MoveWithCompanions(incoming, target);
        }
        catch
        {
            if (replaced)
            {
                DeleteWithCompanions(target);
                MoveWithCompanions(aside, target);
            }

            throw;
        }

        if (replaced)
        {
            DeleteWithCompanions(aside);
        }

        return replaced;
    }

    public static string FilePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new BackupRefusedException("the configured SQLite database is in memory: there is nothing on disk to back up or restore.");
        }

        return Path.GetFullPath(builder.DataSource);
    }

    /// <summary>
    /// A file shorter than the database size its header states was cut off (sqlite.org/fileformat.html, 1.3: page
    /// size at offset 16, a value of 1 meaning 65536; size in pages at offset 28, valid when the change counter at
    /// offset 24 equals the version-valid-for number at offset 92).
    /// </summary>
    private static void CheckLength(string path)
    {
        Span<byte> header = stackalloc byte[100];
        long length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.Length;
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                throw new BackupRefusedException($"{path} is truncated: it ends inside the SQLite header.");
            }
        }

        var pageSize = (long)BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        pageSize = pageSize == 1 ? 65536 : pageSize;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var sizeValid = BinaryPrimitives.ReadUInt32BigEndian(header[24..]) == BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        if (sizeValid && pages > 0 && length < pageSize * pages)
        {
            throw new BackupRefusedException($"{path} is truncated: {length} bytes of the {pageSize * pages} its header states.");
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ConnectionString);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    private static void MoveWithCompanions(string from, string to)
    {
        foreach (var suffix in Companions)
        {
            if (File.Exists(from + suffix))
            {
                File.Move(from + suffix, to + suffix, overwrite: true);
            }
            else
            {
                File.Delete(to + suffix);
            }
        }
    }

    private static void DeleteWithCompanions(string path)
    {
        foreach (var suffix in Companions)
        {
            File.Delete(path + suffix);
        }
    }
}
