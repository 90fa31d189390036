using Microsoft.Data.Sqlite;

namespace QrForge.Cli.Tests;

public class ServerCommandsTests
{
    [Fact]
    public void DbMigrate_Sqlite_CreatesTheSchema()
    {
        using var dir = new TempDirectory();
        var db = System.IO.Path.Combine(dir.Path, "qrforge.db");
        var result = TestCli.Run("db", "migrate", "--", $"--QrForge:Database:ConnectionString=Data Source={db}", "--Logging:Format=text");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("migrated", result.Stdout, StringComparison.Ordinal);
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'codes'";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public void CodesCleanup_EmptyDatabase_RemovesNothing()
    {
        using var dir = new TempDirectory();
        var db = System.IO.Path.Combine(dir.Path, "qrforge.db");
        var result = TestCli.Run("codes", "cleanup", "--", $"--QrForge:Database:ConnectionString=Data Source={db}", "--Logging:Format=text");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Removed 0 expired codes.", result.Stdout.Trim());
    }

    [Fact]
    public void DbMigrate_UnreachableDatabase_FailsWithOneLine()
    {
        var result = TestCli.Run("db", "migrate", "--", "--QrForge:Database:Provider=postgres", "--QrForge:Database:ConnectionString=Host=127.0.0.1;Port=1;Timeout=1", "--Logging:LogLevel:Default=None");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("qrforge: ", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}
