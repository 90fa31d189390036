using Microsoft.Data.Sqlite;

namespace QrForge.Cli.Tests.Repl;

/// <summary>
/// <c>qrforge console</c> with standard input redirected (each complete submission runs in turn) and with a script
/// file, on a fresh SQLite database per test.
/// </summary>
public sealed class ConsoleCommandTests : IDisposable
{
    private const string Password = "a strong enough password";
    private readonly TempDirectory _dir = new();

    private string Db => _dir.File("q.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Console_EncodeExpression_DrawsTheSymbol()
    {
        var result = Run("Encode(\"HELLO\")\n");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("█", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("QrCode: version 1, ECC M, 21×21 modules", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_QueryOverCodes_PrintsATable()
    {
        var result = Run("""
            foreach (var text in new[] { "first", "second" })
            {
                await Codes.CreateAsync(Codes.Validate(new CreateCodeRequest(text, null, null, null, "label-" + text, null, null, null), new())!, Ct);
            }
            Db.Codes.OrderBy(c => c.Label).Select(c => new { c.Label, Length = c.Data.Length })
            await Db.Codes.CountAsync()
            """);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"Label\s+│ Length", result.Stdout);
        Assert.Matches(@"label-first\s+│ 5", result.Stdout);
        Assert.Contains("(2 rows)", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("2", result.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Console_AddUser_VisibleAndAuditedAsTheConsole()
    {
        var result = Run($"""
            await AddUserAsync("Ops@Example.com", "{Password}", "operator");
            Users.Select(u => u.Email).ToList()
            """);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("ops@example.com", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM users WHERE email = 'ops@example.com'"));
        Assert.Equal(1L, Scalar($"SELECT count(*) FROM audit_entries WHERE actor_kind = 'console' AND action = 'user.create' AND summary LIKE '%by {Environment.UserName} in qrforge console'"));
    }

    [Fact]
    public void Console_Sandbox_LeavesTheDatabaseUnchanged()
    {
        Assert.Equal(0, TestCli.Run("db", "migrate", "--", Settings[0], Settings[1]).ExitCode);
        var result = Run($"""
            await AddUserAsync("temp@example.com", "{Password}", "admin");
            await CreateCodeAsync("x", "sandboxed");
            Users.Count() + Db.Codes.Count()
            """, "--sandbox");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.EndsWith("2", result.Stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM users"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM codes"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public void Console_ReadOnly_RefusesWritesAndKeepsReading()
    {
        Assert.Equal(0, TestCli.Run("db", "migrate", "--", Settings[0], Settings[1]).ExitCode);
        var result = Run($"""
            await AddUserAsync("no@example.com", "{Password}", "admin");
            await Db.Codes.ExecuteDeleteAsync();
            await Db.Codes.CountAsync()
            """, "--read-only");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, result.Stderr.Split("the console is read-only (--read-only): changes are refused").Length - 1);
        Assert.EndsWith("0", result.Stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM users"));
    }

    [Fact]
    public void Console_CompileErrorAndException_ShownAndTheSessionGoesOn()
    {
        var result = Run("""
            var x = ;
            var y = 40;
            throw new InvalidOperationException("boom");
            y + 2
            """);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error CS1525", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: boom", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("42", result.Stdout.Trim());
    }

    [Fact]
    public void Console_MultiLineSubmission_RunsWhenComplete()
    {
        var result = Run("""
            int Twice(int n)
            {
                return n * 2;
            }
            Twice(21)
            """);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("42", result.Stdout.Trim());
    }

    [Fact]
    public void Console_TenantCommand_SwitchesTheTenant()
    {
        Assert.Equal(0, TestCli.RunWithStdin(Password + "\n", "users", "create", "--email", "a@acme.example", "--role", "admin", "--tenant", "acme", "--", Settings[0], Settings[1]).ExitCode);
        var result = Run("Users.Count()\n#tenant acme\nUsers.Select(u => u.Email).ToList()\nTenantName\n#tenant nosuch\n");
        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("0", lines[0]);
        Assert.StartsWith("tenant acme (", lines[1], StringComparison.Ordinal);
        Assert.Contains("a@acme.example", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("acme", lines[^1]);
        Assert.Contains("no tenant named or with id 'nosuch'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_Help_ListsWhatIsInScope()
    {
        var result = Run("#help\n");
        Assert.Contains("AddUserAsync", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("#tenant", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return 7;", 7)]
    [InlineData("var n = await Db.Codes.CountAsync(); return n == 0 ? 0 : 5;", 0)]
    [InlineData("throw new Exception(\"no\");", 1)]
    [InlineData("this is not C#", 2)]
    public void Console_ScriptFile_ExitCodeFromTheScript(string code, int expected)
    {
        var file = _dir.File("task.csx");
        File.WriteAllText(file, code);
        var result = TestCli.Run(["console", file, "--", .. Settings]);
        Assert.True(result.ExitCode == expected, result.Stderr);
    }

    [Fact]
    public void Console_MissingScriptFile_IsAUsageError()
    {
        var result = TestCli.Run(["console", _dir.File("none.csx"), "--", .. Settings]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    private string[] Settings => [$"--QrForge:Database:ConnectionString=Data Source={Db}", "--Logging:LogLevel:Default=None"];

    private CliResult Run(string input, params string[] options) => TestCli.RunWithStdin(input, ["console", .. options, "--", .. Settings]);

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
