using System.Diagnostics;
using Npgsql;

namespace QrForge.Server.Backups;

/// <summary>
/// PostgreSQL backups with <c>pg_dump --format=custom</c> and restores with <c>pg_restore</c>. The tools get the
/// connection through libpq's variables (PGHOST, PGPASSWORD…), so no password appears on a command line. A
/// restore goes into a new database that takes the configured name only once it is complete.
/// </summary>
internal sealed class PostgresBackup(string connectionString, string? binDirectory)
{
    public const string Extension = ".dump";

    private const string MigrationsTable = "__EFMigrationsHistory";

    // PostgreSQL identifiers are at most 63 bytes (NAMEDATALEN - 1).
    private const int MaxIdentifier = 63;

    private readonly NpgsqlConnectionStringBuilder _connection = new(connectionString);

    public string DatabaseName => _connection.Database ?? throw new BackupRefusedException("the PostgreSQL connection string names no database.");

    public async Task BackupAsync(string destination, CancellationToken ct) =>
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", destination, "--dbname", DatabaseName], ct);

    /// <summary>
    /// Reads the whole archive (a cut-off one fails here) and returns its migration history, without connecting to
    /// any database.
    /// </summary>
    public async Task<List<string>> ReadMigrationsAsync(string path, CancellationToken ct)
    {
        var (listed, list, listError) = await TryRunAsync("pg_restore", ["--list", path], ct);
        if (!listed)
        {
            throw new BackupRefusedException($"{path} cannot be read as a pg_dump archive ({FirstLine(listError)}); it is truncated or damaged.");
        }

        if (!list.Contains($"TABLE DATA public {MigrationsTable}", StringComparison.Ordinal))
        {
            throw new BackupRefusedException($"{path} is a pg_dump archive but not a QrForge backup: it has no migration history.");
        }

        var (read, _, readError) = await TryRunAsync("pg_restore", ["--file", "/dev/null", path], ct);
        if (!read)
        {
            throw new BackupRefusedException($"{path} is truncated or damaged: pg_restore could not read it to the end ({FirstLine(readError)}).");
        }

        var (_, copy, _) = await TryRunAsync("pg_restore", ["--data-only", "--table", MigrationsTable, "--file", "-", path], ct);
        return ParseCopy(copy);
    }

    /// <summary>Whether the database exists and any of its tables in <c>public</c> (other than the migration history) has a row.</summary>
    public async Task<bool> HoldsDataAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connection.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false; // no such database yet
        }

        var tables = new List<string>();
        await using (var command = new NpgsqlCommand($"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '{MigrationsTable}'", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM public.{Quote(table)})", connection);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Restores into <c>{name}_restoring</c> in one transaction; once that succeeded, the current database is renamed
    /// aside, the new one takes its name, and the old one is dropped. Returns whether a database was replaced.
    /// </summary>
    public async Task<bool> RestoreAsync(string path, CancellationToken ct)
    {
        var target = DatabaseName;
        var incoming = Shorten(target, "_restoring");
        var aside = Shorten(target, "_before_restore");
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connection.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync(ct);
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Quote(incoming)} WITH (FORCE)", ct);
        await ExecuteAsync(admin, $"CREATE DATABASE {Quote(incoming)}", ct);
        var (restored, _, error) = await TryRunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", incoming, path], ct);
        if (!restored)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Quote(incoming)} WITH (FORCE)", CancellationToken.None);
            throw new InvalidOperationException($"pg_restore failed; the database {target} was not touched: {FirstLine(error)}");
        }

        NpgsqlConnection.ClearAllPools();
        var replaced = await ScalarAsync(admin, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", target, ct) is true;
        if (replaced)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Quote(aside)} WITH (FORCE)", ct);
            // WITH (FORCE) on the rename's source is not a thing: end the sessions that still use it (the service should be stopped).
            await ScalarAsync(admin, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", target, ct);
            await ExecuteAsync(admin, $"ALTER DATABASE {Quote(target)} RENAME TO {Quote(aside)}", ct);
        }

        try
        {
            await ExecuteAsync(admin, $"ALTER DATABASE {Quote(incoming)} RENAME TO {Quote(target)}", ct);
        }
        catch
        {
            if (replaced)
            {
                await ExecuteAsync(admin, $"ALTER DATABASE {Quote(aside)} RENAME TO {Quote(target)}", CancellationToken.None);
            }

            throw;
        }

        if (replaced)
        {
            await ExecuteAsync(admin, $"DROP DATABASE {Quote(aside)} WITH (FORCE)", ct);
        }

        return replaced;
    }

    /// <summary>The migration ids in <c>pg_restore --data-only</c>'s text: the rows between <c>COPY … FROM stdin;</c> and <c>\.</c>, tab-separated.</summary>
    internal static List<string> ParseCopy(string sql)
    {
        var migrations = new List<string>();
        var inCopy = false;
        foreach (var line in sql.Split('\n'))
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal) && line.Contains(MigrationsTable, StringComparison.Ordinal))
            {
                inCopy = true;
            }
            else if (inCopy && line == "\\.")
            {
                inCopy = false;
            }
            else if (inCopy && line.Length > 0)
            {
                migrations.Add(line.Split('\t')[0]);
            }
        }

        migrations.Sort(StringComparer.Ordinal);
        return migrations;
    }

    private async Task RunAsync(string tool, IEnumerable<string> args, CancellationToken ct)
    {
        var (ok, _, error) = await TryRunAsync(tool, args, ct);
        if (!ok)
        {
            throw new InvalidOperationException($"{tool} failed: {FirstLine(error)}");
        }
    }

    private async Task<(bool Ok, string Stdout, string Stderr)> TryRunAsync(string tool, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(Tool(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["PGHOST"] = _connection.Host;
        psi.Environment["PGPORT"] = _connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_connection.Username is { Length: > 0 } user)
        {
            psi.Environment["PGUSER"] = user;
        }

        if (_connection.Password is { Length: > 0 } password)
        {
            psi.Environment["PGPASSWORD"] = password;
        }

        psi.Environment["PGSSLMODE"] = _connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        psi.Environment["PGCONNECT_TIMEOUT"] = "10";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode == 0, await stdout, await stderr);
    }

    private string Tool(string name)
    {
        if (!string.IsNullOrEmpty(binDirectory))
        {
            var configured = Path.Combine(binDirectory, name);
            return File.Exists(configured) ? configured : throw new BackupRefusedException($"{name} was not found in QrForge:Backup:PgBinDirectory ({binDirectory}).");
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, name)))
            {
                return Path.Combine(folder, name);
            }
        }

        const string Debian = "/usr/lib/postgresql";
        var found = Directory.Exists(Debian)
            ? Directory.GetDirectories(Debian).Select(d => Path.Combine(d, "bin", name)).Where(File.Exists).OrderByDescending(p => p, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return found ?? throw new BackupRefusedException($"{name} was not found on PATH or under {Debian}: install the PostgreSQL client (Debian: postgresql-client) or set QrForge:Backup:PgBinDirectory.");
    }

    private static string Shorten(string name, string suffix) =>
        (name.Length + suffix.Length > MaxIdentifier ? name[..(MaxIdentifier - suffix.Length)] : name) + suffix;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim() is { Length: > 0 } line ? line : "no message";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(ct);
    }
}
