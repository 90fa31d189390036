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

public class UserCommandsTests
{
    [Fact]
    public void UsersCreate_PasswordOnStdin_MakesAnAdminWhoCanSignIn()
    {
        using var dir = new TempDirectory();
        var db = System.IO.Path.Combine(dir.Path, "qrforge.db");
        var result = TestCli.RunWithStdin("a strong enough password\n", "users", "create", "--email", "Root@Example.com", "--role", "admin", "--tenant", "acme", "--", $"--QrForge:Database:ConnectionString=Data Source={db}", "--Logging:LogLevel:Default=None");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("root@example.com", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("tenant acme", result.Stdout, StringComparison.Ordinal);

        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.role, u.password_hash FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id WHERE t.name = 'acme'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("admin", reader.GetString(0));
        Assert.DoesNotContain("a strong enough password", reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public void UsersCreate_NoPassword_ExplainsAndExits2()
    {
        var result = TestCli.Run("users", "create", "--email", "a@example.com", "--role", "admin");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("standard input", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UsersCreate_BadRoleOrShortPassword_NamesTheField()
    {
        using var dir = new TempDirectory();
        var db = System.IO.Path.Combine(dir.Path, "qrforge.db");
        var result = TestCli.RunWithStdin("short\n", "users", "create", "--email", "a@example.com", "--role", "owner", "--", $"--QrForge:Database:ConnectionString=Data Source={db}", "--Logging:LogLevel:Default=None");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("role:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("password:", result.Stderr, StringComparison.Ordinal);
    }
}
