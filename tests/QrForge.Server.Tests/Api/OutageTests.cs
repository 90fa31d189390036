using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QrForge.Server.Identity;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Api;

/// <summary>
/// Issue 12, fault 10: PostgreSQL behind a relay the test cuts. A request that needs the database answers 503
/// with Retry-After at once, a stalled database holds no request past the connect timeout, and cached images keep
/// being served.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private TcpProxy _proxy = null!;
    private QrForgeFactory _factory = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(await (await PostgresServer.SharedAsync).CreateDatabaseAsync());
        _proxy = TcpProxy.Start(direct.Host!, direct.Port);
        direct.Port = _proxy.Port;
        direct.Remove("Timeout"); // the service's own bound (QrForge:Database:ConnectTimeoutSeconds) applies
        _factory = await QrForgeFactory.CreateAsync(Database.Postgres, connectionString: direct.ConnectionString);
        _operator = await _factory.CreateClientAsync(Roles.Operator);
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _factory.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task CreateCode_DatabaseDown_503WithRetryAfterAtOnce()
    {
        _proxy.Refuse();
        NpgsqlConnection.ClearAllPools();
        var watch = Stopwatch.StartNew();
        using var response = await _operator.PostAsync("/api/v1/codes", Json.Body("""{"data":"x"}"""));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Equal("https://qrforge.dev/problems/database-unavailable", (string)(await Json.ReadAsync(response))["type"]!);

        // The breaker is open now: the next request does not even try.
        using var again = await _operator.GetAsync("/api/v1/codes");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.True(_factory.Services.GetRequiredService<DatabaseBreaker>().IsOpen);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), watch.Elapsed.ToString()); // generous: no 10 s+ waits
    }

    [Fact]
    public async Task CreateCode_DatabaseStalled_503WithinTheConnectTimeout()
    {
        _proxy.Stall();
        NpgsqlConnection.ClearAllPools();
        using var response = await _operator.PostAsync("/api/v1/codes", Json.Body("""{"data":"x"}"""));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Image_DatabaseDown_CachedImageStillServed()
    {
        var id = (string)(await Json.PostAsync(_operator, "/api/v1/codes", """{"data":"cached while down"}"""))["id"]!;
        var before = await _operator.GetByteArrayAsync($"/api/v1/codes/{id}/image.png");
        _proxy.Refuse();
        NpgsqlConnection.ClearAllPools();
        var during = await _operator.GetByteArrayAsync($"/api/v1/codes/{id}/image.png");
        Assert.Equal(before, during);
    }

    [Fact]
    public async Task CreateCode_DatabaseBack_AnswersAgainAfterRetryAfter()
    {
        _proxy.Refuse();
        NpgsqlConnection.ClearAllPools();
        using (var down = await _operator.PostAsync("/api/v1/codes", Json.Body("""{"data":"x"}""")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        }

        _proxy.Resume();
        _factory.Clock.Advance(TimeSpan.FromSeconds(3)); // past QrForge:Database:RetryAfterSeconds (2)
        using var up = await _operator.PostAsync("/api/v1/codes", Json.Body("""{"data":"x"}"""));
        Assert.Equal(HttpStatusCode.Created, up.StatusCode);
    }
}
