using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using QrForge.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QrForge.Server.Tests.Operations;

/// <summary>
/// <c>/openapi/v1.json</c> describes every operation (summary, description, examples), has unique operation ids,
/// marks only what needs credentials as needing them, requires no member that may be null, and passes an OpenAPI
/// linter (@redocly/cli, installed from the lock file next to this test) with zero errors.
/// </summary>
public sealed class OpenApiDocumentTests(ITestOutputHelper output) : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private JsonObject _document = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);
        using var client = _factory.CreateClient();
        _document = (await Json.ReadAsync(await client.GetAsync("/openapi/v1.json"))).AsObject();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in _document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where method.Key is "get" or "post" or "put" or "patch" or "delete" or "head"
        select (path.Key, method.Key, method.Value!.AsObject());

    [Fact]
    public void Document_EveryOperation_HasSummaryDescriptionAndAUniqueId()
    {
        var operations = Operations().ToList();
        Assert.True(operations.Count > 60);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Method} {o.Path} has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["description"]), $"{o.Method} {o.Path} has no description");
        });
        var ids = operations.Select(o => (string)o.Operation["operationId"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("RedirectHead", ids);
    }

    [Fact]
    public void Document_JsonBodies_HaveExamples()
    {
        foreach (var (path, method, operation) in Operations())
        {
            if (operation["requestBody"]?["content"]?["application/json"] is JsonObject request)
            {
                Assert.True(request["example"] is not null, $"{method} {path} has no request example");
            }

            foreach (var response in operation["responses"]!.AsObject())
            {
                if (response.Value!["content"]?["application/json"] is JsonObject answer)
                {
                    Assert.True(answer["example"] is not null, $"{method} {path} {response.Key} has no example");
                }
            }
        }

        var login = _document["paths"]!["/api/v1/auth/login"]!["post"]!;
        Assert.Equal("ada@example.com", (string)login["requestBody"]!["content"]!["application/json"]!["example"]!["email"]!);
    }

    [Theory]
    [InlineData("/api/v1/auth/login", "post", false)]
    [InlineData("/api/v1/auth/refresh", "post", false)]
    [InlineData("/api/v1/auth/logout", "post", false)]
    [InlineData("/api/v1/render", "get", false)]
    [InlineData("/r/{slug}", "get", false)]
    [InlineData("/api/v1/codes", "get", true)]
    [InlineData("/api/v1/me", "get", true)]
    public void Document_Security_OnlyWhereCredentialsAreNeeded(string path, string method, bool needsCredentials)
    {
        var operation = _document["paths"]![path]![method]!;
        var security = operation["security"]?.AsArray();
        Assert.Null(_document["security"]);
        if (needsCredentials)
        {
            Assert.NotEmpty(security!);
            Assert.NotNull(operation["responses"]!["401"]);
        }
        else
        {
            Assert.True(security is null || security.Count == 0, $"{method} {path} should need no credentials");
        }
    }

    [Fact]
    public void Document_NullableMembers_AreNotRequired()
    {
        var schemas = _document["components"]!["schemas"]!;
        var create = schemas["CreateCodeRequest"]!;
        var required = create["required"]?.AsArray().Select(r => (string)r!).ToList() ?? [];
        Assert.DoesNotContain("data", required);
        Assert.DoesNotContain("data_base64", required); // exactly one of the two: neither is required on its own
        Assert.DoesNotContain("expires_at", required);
        Assert.Equal(["email", "password"], schemas["LoginRequest"]!["required"]!.AsArray().Select(r => (string)r!).Order());
        foreach (var (name, schema) in schemas.AsObject())
        {
            var properties = schema!["properties"]?.AsObject();
            foreach (var member in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                var type = properties?[member]?["type"];
                var nullable = type is JsonArray types ? types.Any(t => (string)t! == "null") : (string?)type == "null";
                Assert.True(!nullable || name.EndsWith("Request", StringComparison.Ordinal), $"{name}.{member} may be null but is required");
            }
        }
    }

    [Fact]
    public async Task Document_Redocly_ReportsNoErrors()
    {
        var linter = await InstallLinterAsync();
        var file = Path.Combine(Path.GetTempPath(), $"qrforge-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, _document.ToJsonString());
        try
        {
            var (exit, stdout, stderr) = await RunAsync("node", [Path.Combine(linter, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", file, "--format=json"], linter, 300);
            output.WriteLine(stderr);
            var report = JsonNode.Parse(stdout[stdout.IndexOf('{', StringComparison.Ordinal)..])!;
            var problems = report["problems"]!.AsArray();
            foreach (var problem in problems)
            {
                output.WriteLine($"{(string)problem!["severity"]!} {(string)problem["ruleId"]!}: {(string)problem["message"]!} at {(string?)problem["location"]?[0]?["pointer"]}");
            }

            var errors = problems.Where(p => (string)p!["severity"]! == "error").Select(p => $"{(string)p!["ruleId"]!} at {(string?)p["location"]?[0]?["pointer"]}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.Equal(0, exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // npm ci of the committed lock file into a folder named by the lock's hash, once per machine and lock.
    private static async Task<string> InstallLinterAsync()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Operations", "OpenApiLint");
        var lockBytes = await File.ReadAllBytesAsync(Path.Combine(source, "package-lock.json"));
        var folder = Path.Combine(Path.GetTempPath(), "qrforge-openapi-lint-" + Convert.ToHexStringLower(SHA256.HashData(lockBytes))[..16]);
        if (File.Exists(Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js")))
        {
            return folder;
        }

        var staging = folder + "." + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        File.Copy(Path.Combine(source, "package.json"), Path.Combine(staging, "package.json"));
        File.Copy(Path.Combine(source, "package-lock.json"), Path.Combine(staging, "package-lock.json"));
        var (exit, stdout, stderr) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], staging, 600);
        Assert.True(exit == 0, $"npm ci failed ({exit}): {stderr}{stdout}");
        try
        {
            Directory.Move(staging, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(staging, recursive: true); // another run installed it meanwhile
        }

        return folder;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string[] args, string directory, int timeoutSeconds)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
