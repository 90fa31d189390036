using Microsoft.Data.Sqlite;

namespace QrForge.Cli.Tests;

/// <summary>
/// <c>qrforge db backup</c> and <c>db restore</c> on the embedded SQLite database: a round trip, and every refusal
/// exits with 2 and one line, leaving the target as it was. (Both providers' restore drill runs in
/// QrForge.Server.Tests/Backups.)
/// </summary>
public sealed class BackupCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DbBackupThenRestore_IntoANewDatabase_BringsTheRowsBack()
    {
        var source = Populated("source.db", "first@example.com");
        var backup = Run("db", "backup", "--output", _dir.File("b.db"), "--", Db(source));
        Assert.True(backup.ExitCode == 0, backup.Stderr);
        Assert.StartsWith("Backed up to ", backup.Stdout, StringComparison.Ordinal);

        var restore = Run("db", "restore", _dir.File("b.db"), "--", Db(_dir.File("restored.db")));
        Assert.True(restore.ExitCode == 0, restore.Stderr);
        Assert.Contains("0 to apply", restore.Stdout, StringComparison.Ordinal);
        Assert.Equal(["first@example.com"], Users(_dir.File("restored.db")));
    }

    [Fact]
    public void DbBackup_OutputExists_Exits2()
    {
        var source = Populated("source.db", "a@example.com");
        File.WriteAllText(_dir.File("taken.db"), "x");
        var result = Run("db", "backup", "--output", _dir.File("taken.db"), "--", Db(source));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exists already", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(_dir.File("taken.db")));
    }

    [Fact]
    public void DbRestore_OverData_NeedsForceAndThenReplaces()
    {
        var source = Populated("source.db", "old@example.com");
        Assert.Equal(0, Run("db", "backup", "-o", _dir.File("b.db"), "--", Db(source)).ExitCode);
        var target = Populated("target.db", "current@example.com");

        var refused = Run("db", "restore", _dir.File("b.db"), "--", Db(target));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(["current@example.com"], Users(target));

        var forced = Run("db", "restore", _dir.File("b.db"), "--force", "--", Db(target));
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Contains("replaced", forced.Stdout, StringComparison.Ordinal);
        Assert.Equal(["old@example.com"], Users(target));
    }

    [Theory]
    [InlineData("text", "not a QrForge backup")]
    [InlineData("truncated", "truncated")]
    [InlineData("newer", "newer QrForge")]
    [InlineData("foreign-sqlite", "no migration history")]
    [InlineData("pg-dump", "provider it was taken from")]
    [InlineData("missing", "does not exist")]
    public void DbRestore_BadFile_Exits2WithOneLineAndTouchesNothing(string kind, string message)
    {
        var source = Populated("source.db", "a@example.com");
        Assert.Equal(0, Run("db", "backup", "-o", _dir.File("good.db"), "--", Db(source)).ExitCode);
        var file = _dir.File(kind + ".db");
        switch (kind)
        {
            case "text":
                File.WriteAllText(file, "hello, I am a text file");
                break;
            case "truncated":
                var bytes = File.ReadAllBytes(_dir.File("good.db"));
                File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
                break;
            case "newer":
                File.Copy(_dir.File("good.db"), file);
                Execute(file, "INSERT INTO \"__EFMigrationsHistory\" VALUES ('29991231000000_FromTheFuture', '99.0.0')");
                break;
            case "foreign-sqlite":
                Execute(file, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x')");
                break;
            case "pg-dump":
                File.WriteAllBytes(file, "PGDMP\u0001\u000e\0"u8.ToArray());
                break;
        }

        var target = Populated("target.db", "keep@example.com");
        var result = Run("db", "restore", file, "--force", "--", Db(target));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Equal(["keep@example.com"], Users(target));
    }

    private static CliResult Run(params string[] args) => TestCli.Run([.. args, "--Logging:LogLevel:Default=None"]);

    private static string Db(string path) => $"--QrForge:Database:ConnectionString=Data Source={path}";

    /// <summary>A migrated database with one admin user.</summary>
    private string Populated(string name, string email)
    {
        var path = _dir.File(name);
        var result = TestCli.RunWithStdin("a strong enough password\n", "users", "create", "--email", email, "--role", "admin", "--", Db(path), "--Logging:LogLevel:Default=None");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return path;
    }

    private static string[] Users(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        // Every cell that holds an address, whatever the column is called.
        command.CommandText = "SELECT * FROM users";
        using var reader = command.ExecuteReader();
        var emails = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetValue(i) is string text && text.EndsWith("@example.com", StringComparison.Ordinal))
                {
                    emails.Add(text);
                }
            }
        }

        return [.. emails.Order(StringComparer.Ordinal)];
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
