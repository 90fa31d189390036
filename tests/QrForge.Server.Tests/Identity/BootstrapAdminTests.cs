using System.Diagnostics;
using System.Net;
using QrForge.Server.Tests.Deploy;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Identity;

/// <summary>The first admin from configuration (QRFORGE_BOOTSTRAP_ADMIN_*), made only when no user exists.</summary>
public sealed class BootstrapAdminTests
{
    [Fact]
    public async Task FirstStart_MakesTheAdmin_LaterStartsChangeNothing()
    {
        var settings = new Dictionary<string, string?>
        {
            ["QrForge:Auth:BootstrapAdminEmail"] = "root@example.com",
            ["QrForge:Auth:BootstrapAdminPassword"] = "bootstrap password 1",
        };
        await using var first = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: settings);
        using var client = first.CreateClient();
        var pair = await Json.PostAsync(client, "/api/v1/auth/login", """{"email":"root@example.com","password":"bootstrap password 1"}""", HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (string)pair["access_token"]!);
        Assert.Equal("admin", (string)(await Json.ReadAsync(await client.GetAsync("/api/v1/me")))["role"]!);

        // A second host on the same database with another bootstrap user: users exist, so nothing is made.
        settings["QrForge:Auth:BootstrapAdminEmail"] = "intruder@example.com";
        await using var second = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: settings, connectionString: first.ConnectionString);
        using var other = second.CreateClient();
        using var refused = await other.PostAsync("/api/v1/auth/login", Json.Body("""{"email":"intruder@example.com","password":"bootstrap password 1"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task TooShortPassword_ServiceProcess_ExitsWithTheReasonOnOneLine()
    {
        var dll = Repository.File("src", "QrForge.Server", "bin", Repository.Configuration, "net10.0", "QrForge.Server.dll");
        var folder = Directory.CreateTempSubdirectory("qrforge-bootstrap-");
        try
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["QRFORGE_BOOTSTRAP_ADMIN_EMAIL"] = "root@example.com",
                    ["QRFORGE_BOOTSTRAP_ADMIN_PASSWORD"] = "short",
                },
            };
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(ServerApp.ConfigurationExitCode, process.ExitCode);
            var error = (await stderr).Trim();
            Assert.StartsWith("qrforge: the service cannot start:", error, StringComparison.Ordinal);
            Assert.Contains("MinPasswordLength", error, StringComparison.Ordinal);
            Assert.Single(error.Split('\n'));
            Assert.DoesNotContain("Unhandled exception", await stdout + error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
