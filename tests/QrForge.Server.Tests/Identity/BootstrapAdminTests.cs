using System.Net;
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
}
