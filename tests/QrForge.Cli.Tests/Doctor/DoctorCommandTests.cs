using System.Text.Json;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Cli.Tests.Doctor;

/// <summary>
/// <c>qrforge doctor</c> against real parts: PostgreSQL and redis-server started by the test infrastructure
/// (shared with the server tests), and a stopped Redis / a database port where nothing listens.
/// </summary>
public class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_HealthyPostgresAndRedis_AllChecksPassAndExits0()
    {
        var database = await (await PostgresServer.SharedAsync).CreateDatabaseAsync();
        using var redis = await RedisServer.StartAsync();
        Assert.Equal(0, TestCli.Run(["db", "migrate", "--", .. Postgres(database)]).ExitCode);

        var result = TestCli.Run(["doctor", "--json", "--", .. Postgres(database), $"--QrForge:Redis:Configuration={redis.Configuration}"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var checks = Checks(result);
        Assert.True(result.Json().GetProperty("ok").GetBoolean());
        foreach (var name in new[] { "configuration", "database", "migrations", "redis", "round_trip", "cache", "clock" })
        {
            Assert.True(checks[name].GetProperty("status").GetString() == "ok", $"{name}: {checks[name]}");
        }

        Assert.True(checks["redis"].GetProperty("data").GetProperty("latency_ms").GetDouble() >= 0);
        Assert.True(checks["redis"].GetProperty("data").GetProperty("get_2kb_ms").GetDouble() > 0);
        Assert.InRange(checks["clock"].GetProperty("data").GetProperty("skew_seconds").GetDouble(), -1, 1);
        Assert.True(checks["warming"].GetProperty("data").GetProperty("images").GetInt32() > 0);
    }

    [Fact]
    public async Task Doctor_RedisStopped_FailsTheRedisCheckAndExits1()
    {
        var database = await (await PostgresServer.SharedAsync).CreateDatabaseAsync();
        using var redis = await RedisServer.StartAsync();
        redis.Stop();

        var result = TestCli.Run(["doctor", "--", .. Postgres(database), $"--QrForge:Redis:Configuration={redis.Configuration}"]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stdout.Split('\n'), l => l.Contains(" redis ", StringComparison.Ordinal));
        Assert.StartsWith("[FAIL]", line, StringComparison.Ordinal);
        Assert.Contains("not reachable at 127.0.0.1:" + redis.Port, line, StringComparison.Ordinal);
        Assert.Contains("[ ok ] database", result.Stdout, StringComparison.Ordinal);
        // Unmigrated but migrating on start: a warning, not a failure.
        Assert.Contains("[warn] migrations", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Doctor_DatabaseStopped_FailsTheDatabaseAndSkipsWhatNeedsItAndExits1()
    {
        // A port on loopback where no server listens: a stopped PostgreSQL, as clients see it.
        var port = ProcessRunner.FreePort();
        var result = TestCli.Run("doctor", "--json", "--", "--QrForge:Database:Provider=postgres", $"--QrForge:Database:ConnectionString=Host=127.0.0.1;Port={port};Username=q;Password=secret;Timeout=2");

        Assert.Equal(1, result.ExitCode);
        var checks = Checks(result);
        Assert.Equal("fail", checks["database"].GetProperty("status").GetString());
        Assert.Contains($"not reachable: postgres (host=127.0.0.1;port={port}", checks["database"].GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("skip", checks["migrations"].GetProperty("status").GetString());
        Assert.Equal("skip", checks["signing_keys"].GetProperty("status").GetString());
        // What does not need the database still ran.
        Assert.Equal("ok", checks["round_trip"].GetProperty("status").GetString());
        Assert.Equal("skip", checks["redis"].GetProperty("status").GetString());
    }

    [Fact]
    public void Doctor_FreshSqlite_ChecklistOnTheTerminalAndExits0()
    {
        using var dir = new TempDirectory();
        var result = TestCli.Run("doctor", "--", $"--QrForge:Database:ConnectionString=Data Source={dir.File("q.db")}");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("[ ok ] round_trip", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[warn] database       the SQLite file does not exist yet", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[skip] migrations", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("q.db")));
        Assert.Matches(@"\d+ ok, \d+ warning\(s\), 0 failure\(s\)", result.Stdout);
    }

    [Fact]
    public void Doctor_InvalidConfiguration_FailsTheConfigurationCheck()
    {
        var result = TestCli.Run("doctor", "--json", "--", "--QrForge:Edge:ForwardLimit=0");
        Assert.Equal(1, result.ExitCode);
        var check = Checks(result)["configuration"];
        Assert.Equal("fail", check.GetProperty("status").GetString());
        Assert.Contains("ForwardLimit", check.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string[] Postgres(string connectionString) =>
        ["--QrForge:Database:Provider=postgres", "--QrForge:Database:ConnectionString=" + connectionString, "--Logging:LogLevel:Default=None"];

    private static Dictionary<string, JsonElement> Checks(CliResult result) =>
        result.Json().GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
}
