using System.Net;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Kestrel enforces the scanners' small body limits (the in-memory test server does not, so a real socket).</summary>
public sealed class BodyLimitTests
{
    [Fact]
    public async Task Verify_BodyOver16KB_Is413_SmallBodyIsAnswered()
    {
        await using var host = await KestrelHost.StartAsync([]);
        using var client = host.CreateClient("127.0.0.1");
        client.DefaultRequestHeaders.Authorization = new("Bearer", await host.AccessTokenAsync(Roles.Scanner));

        using var small = await client.PostAsync("/api/v1/passes/verify", Json.Body("""{"token":"NOT-A-TOKEN"}"""));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("malformed", (string)(await Json.ReadAsync(small))["result"]!);

        using var large = await client.PostAsync("/api/v1/passes/verify", Json.Body($$"""{"token":"{{new string('A', 17_000)}}"}"""));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }
}
