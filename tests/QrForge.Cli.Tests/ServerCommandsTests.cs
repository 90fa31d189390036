using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.Contains($"Database: sqlite (data source={db}", result.Stdout, StringComparison.OrdinalIgnoreCase);

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
    public void UsersCreate_PostgresWithPassword_NamesTheDatabaseWithoutThePassword()
    {
        using var host = Hosting.CliHost.Build(["--QrForge:Database:Provider=postgres", "--QrForge:Database:ConnectionString=Host=db;Username=qrforge;Password=hunter2", "--Logging:LogLevel:Default=None"]);
        using var scope = host.Services.CreateScope();
        var described = Hosting.CliHost.Describe(scope.ServiceProvider.GetRequiredService<QrForge.Server.Storage.QrForgeDbContext>());
        Assert.StartsWith("postgres (host=db;username=qrforge", described, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", described, StringComparison.Ordinal);
        Assert.DoesNotContain("password", described, StringComparison.OrdinalIgnoreCase);
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

public class CliHostTests
{
    [Fact]
    public void CliHost_Built_HasTheServicesButNoWebServerOrBackgroundWork()
    {
        using var dir = new TempDirectory();
        using var host = Hosting.CliHost.Build([$"--QrForge:Database:ConnectionString=Data Source={dir.File("q.db")}", "--Logging:LogLevel:Default=None"]);
        Assert.Empty(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>());
        Assert.Null(host.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>());
        using var scope = host.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetService<QrForge.Server.Identity.AccountService>());
        Assert.NotNull(scope.ServiceProvider.GetService<QrForge.Server.Codes.CodeService>());
        Assert.NotNull(scope.ServiceProvider.GetService<QrForge.Server.Passes.PassService>());
    }

    [Fact]
    public void CliHost_InvalidSetting_FailsWhenBuilt()
    {
        using var dir = new TempDirectory();
        var result = TestCli.Run("db", "migrate", "--", $"--QrForge:Database:ConnectionString=Data Source={dir.File("q.db")}", "--QrForge:Edge:ForwardLimit=99", "--Logging:LogLevel:Default=None");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("qrforge: configuration: QrForge:Edge:ForwardLimit", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("q.db")));
    }

    [Theory]
    [InlineData("Host=db;Username=q;Password=secret;Database=q", "host=db;username=q;database=q")]
    [InlineData("Data Source=x.db", "data source=x.db")]
    [InlineData("Host=db;PWD=secret", "host=db")]
    public void WithoutPassword_ConnectionString_DropsThePassword(string input, string expected) =>
        Assert.Equal(expected, Hosting.CliHost.WithoutPassword(input), ignoreCase: true);
}
