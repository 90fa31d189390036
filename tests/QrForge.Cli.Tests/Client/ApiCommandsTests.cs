using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Cli.Tests.Client;

/// <summary>
/// The CLI as an API client against the service running on Kestrel at a loopback port (SQLite in a temporary
/// folder), with an API key made through the service's own key service. The key and the server reach the CLI
/// the way a user gives them: environment variables, or the config file.
/// </summary>
[Collection(nameof(ApiCommandsTests))] // the tests set process-wide environment variables
public sealed class ApiCommandsTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private WebApplication? _app;
    private string _server = "";
    private string _operatorKey = "";
    private string _viewerKey = "";

    public async Task InitializeAsync()
    {
        _app = ServerApp.Build(["--urls=http://127.0.0.1:0", $"--QrForge:Database:ConnectionString=Data Source={_dir.File("q.db")}", "--Logging:LogLevel:Default=None"], AppContext.BaseDirectory);
        await _app.Services.MigrateOnStartupAsync();
        await _app.StartAsync();
        _server = _app.Urls.First();
        await using var scope = _app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        _operatorKey = (await keys.CreateAsync(TenantContext.DefaultTenantId, "cli test", Roles.Operator, null, null, default)).Secret;
        _viewerKey = (await keys.CreateAsync(TenantContext.DefaultTenantId, "cli viewer", Roles.Viewer, null, null, default)).Secret;

        // First requests build the service's EF model and compile its paths; on a busy machine that can take
        // longer than the client's 30 s timeout, which is not what these tests are about.
        using var warm = new HttpClient { BaseAddress = new Uri(_server), Timeout = Timeout.InfiniteTimeSpan };
        warm.DefaultRequestHeaders.Add("X-Api-Key", _operatorKey);
        using var created = await warm.PostAsync("api/v1/codes", new StringContent("""{"data":"warm-up"}""", System.Text.Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        (await warm.GetAsync("api/v1/codes")).Dispose();
        (await warm.GetAsync("api/v1/links")).Dispose();
        (await warm.DeleteAsync($"api/v1/codes/{id}")).Dispose();
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("QRFORGE_API_KEY", null);
        Environment.SetEnvironmentVariable("QRFORGE_CLIENT_CONFIG", null);
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Codes_CreateListGetDelete_AgainstTheService()
    {
        UseKey(_operatorKey);
        var created = TestCli.Run("codes", "create", "--data", "hello from the cli", "--label", "cli", "--server", _server);
        Assert.True(created.ExitCode == 0, created.Stderr);
        var id = created.Json().GetProperty("id").GetString()!;

        var list = TestCli.Run("codes", "list", "--server", _server);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(list.Json().GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetString() == id);

        var table = TestCli.Run("codes", "list", "--table", "--server", _server);
        Assert.Matches(@"ID\s+LABEL\s+DATA", table.Stdout);
        Assert.Matches($@"{id}\s+cli\s+hello from the cli", table.Stdout);
        Assert.Contains("(1 row)", table.Stdout, StringComparison.Ordinal);

        Assert.Equal("hello from the cli", TestCli.Run("codes", "get", id, "--server", _server).Json().GetProperty("data").GetString());
        Assert.Equal(0, TestCli.Run("codes", "delete", id, "--server", _server).ExitCode);
        var gone = TestCli.Run("codes", "get", id, "--server", _server);
        Assert.Equal(1, gone.ExitCode);
        Assert.StartsWith("qrforge: 404", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_CreateAndList_WithTheKeyFromTheConfigFile()
    {
        var config = _dir.File("client.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, string> { ["server"] = _server, ["api_key"] = _operatorKey }));
        Environment.SetEnvironmentVariable("QRFORGE_API_KEY", null);
        Environment.SetEnvironmentVariable("QRFORGE_CLIENT_CONFIG", config);

        var created = TestCli.Run("links", "create", "--destination", "https://example.com/a", "--slug", "cli-link");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var table = TestCli.Run("links", "list", "--table");
        Assert.Matches(@"cli-link\s+\S+/r/cli-link\s+https://example.com/a", table.Stdout);
    }

    [Fact]
    public void Codes_InvalidRequest_NamesTheFieldAndExits2()
    {
        UseKey(_operatorKey);
        var result = TestCli.Run("codes", "create", "--data", new string('x', 5000), "--server", _server);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("data:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_ViewerKeyWrites_RefusedWith403()
    {
        UseKey(_viewerKey);
        var result = TestCli.Run("codes", "create", "--data", "x", "--server", _server);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("qrforge: 403", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_WrongKey_ExplainsWhereTheKeyComesFrom()
    {
        UseKey("qrf_not_a_real_key");
        var result = TestCli.Run("codes", "list", "--server", _server);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("401", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("QRFORGE_API_KEY", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_NoKeyOrNoServer_UsageErrors()
    {
        Environment.SetEnvironmentVariable("QRFORGE_API_KEY", null);
        Environment.SetEnvironmentVariable("QRFORGE_CLIENT_CONFIG", _dir.File("none.json"));
        var noKey = TestCli.Run("codes", "list", "--server", _server);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("no API key", noKey.Stderr, StringComparison.Ordinal);

        UseKey(_operatorKey);
        var noServer = TestCli.Run("codes", "list");
        Assert.Equal(2, noServer.ExitCode);
        Assert.Contains("--server", noServer.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_ServerDown_OneLineAndExit1()
    {
        UseKey(_operatorKey);
        var result = TestCli.Run("codes", "list", "--server", "http://127.0.0.1:1");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    private void UseKey(string key)
    {
        Environment.SetEnvironmentVariable("QRFORGE_CLIENT_CONFIG", _dir.File("none.json"));
        Environment.SetEnvironmentVariable("QRFORGE_API_KEY", key);
    }
}
