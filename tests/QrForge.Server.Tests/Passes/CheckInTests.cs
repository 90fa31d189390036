using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Check-in, its races and retries, offline upload, revocation lists and inside counts, on both databases.</summary>
public abstract class CheckInTests(PassHostFixture host) : IAsyncLifetime
{
    private readonly QrForgeFactory _factory = host.Factory;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8] + ":"; // nonces are unique per tenant: each test has its own
    private HttpClient _operator = null!;
    private HttpClient _scanner = null!;

    public async Task InitializeAsync()
    {
        _operator = await _factory.CreateClientAsync(Roles.Operator);
        _scanner = await _factory.CreateClientAsync(Roles.Scanner);
    }

    public Task DisposeAsync()
    {
        _operator.Dispose();
        _scanner.Dispose();
        return Task.CompletedTask;
    }

    private string Scan(string token, string direction, string nonce, string checkpoint = "gate-a", string? scannedAt = null) =>
        JsonSerializer.Serialize(new { token, checkpoint, direction, nonce = _prefix + nonce, scanned_at = scannedAt });

    private string At(int minutes) => _factory.Clock.GetUtcNow().AddMinutes(minutes).ToString("O");

    private async Task<JsonNode> CheckInAsync(string json) => await Json.PostAsync(_scanner, "/api/v1/checkins", json, HttpStatusCode.OK);

    private async Task<int> RowsAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QrForgeDbContext>().CheckIns.CountAsync(c => c.Nonce.StartsWith(_prefix));
    }

    [Fact]
    public async Task CheckIn_InThenOut_MovesAndRefusesRepeats()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var token = (string)pass["token"]!;
        var first = await CheckInAsync(Scan(token, "in", "n1"));
        Assert.Equal("ok", (string)first["result"]!);
        Assert.Equal("Ada Lovelace", (string)first["subject"]!["name"]!);
        Assert.Equal("already_inside", (string)(await CheckInAsync(Scan(token, "in", "n2", "gate-b")))["result"]!);
        Assert.Equal("ok", (string)(await CheckInAsync(Scan((string)pass["jwt"]!, "out", "n3")))["result"]!);
        Assert.Equal("not_inside", (string)(await CheckInAsync(Scan(token, "out", "n4")))["result"]!);
        Assert.Equal(4, await RowsAsync());
    }

    [Fact]
    public async Task CheckIn_RefusedToken_ReportsTheReason()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var refused = await CheckInAsync(Scan("not a token", "in", "r1"));
        Assert.Equal(("refused", "malformed"), ((string)refused["result"]!, (string)refused["reason"]!));
        var wrongGate = await CheckInAsync(Scan((string)pass["token"]!, "in", "r2", "gate-z"));
        Assert.Equal(("refused", "unknown_checkpoint"), ((string)wrongGate["result"]!, (string)wrongGate["reason"]!));
        await Json.PostAsync(_operator, $"/api/v1/passes/{(string)pass["id"]!}/revoke", "{}", HttpStatusCode.OK);
        var revoked = await CheckInAsync(Scan((string)pass["token"]!, "in", "r3"));
        Assert.Equal(("refused", "revoked"), ((string)revoked["result"]!, (string)revoked["reason"]!));
    }

    [Theory]
    [InlineData("""{"checkpoint":"gate-a","direction":"in","nonce":"x"}""", "token")]
    [InlineData("""{"token":"t","checkpoint":"gate-a","direction":"sideways","nonce":"x"}""", "direction")]
    [InlineData("""{"token":"t","checkpoint":"gate-a","direction":"in"}""", "nonce")]
    [InlineData("""{"token":"t","direction":"in","nonce":"x"}""", "checkpoint")]
    public async Task CheckIn_InvalidField_Returns400NamingIt(string json, string field)
    {
        using var response = await _scanner.PostAsync("/api/v1/checkins", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    /// <summary>50 scanners, one pass, the same moment: the database lets exactly one in.</summary>
    [Fact]
    public async Task CheckIn_FiftyScannersAtOnce_ExactlyOneOk()
    {
        var token = (string)(await PassSeed.PassAsync(_operator))["token"]!;
        using var start = new SemaphoreSlim(0);
        var scans = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await _scanner.PostAsync("/api/v1/checkins", Json.Body(Scan(token, "in", $"device-{i}", i % 2 == 0 ? "gate-a" : "gate-b")));
            return (string)(await Json.ReadAsync(response))["result"]!;
        }).ToList();
        start.Release(50);
        var results = await Task.WhenAll(scans);
        Assert.Single(results, r => r == "ok");
        Assert.Equal(49, results.Count(r => r == "already_inside"));
        Assert.Equal(50, await RowsAsync());
    }

    /// <summary>One scanner retrying the same scan (same nonce) 20 times at once: one row, one answer.</summary>
    [Fact]
    public async Task CheckIn_NonceRetriedConcurrently_OneRowOneAnswer()
    {
        var token = (string)(await PassSeed.PassAsync(_operator))["token"]!;
        using var start = new SemaphoreSlim(0);
        var tries = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await _scanner.PostAsync("/api/v1/checkins", Json.Body(Scan(token, "in", "same-nonce")));
            var body = await Json.ReadAsync(response);
            return ((string)body["result"]!, (string)body["checkin_id"]!, (bool)body["duplicate"]!);
        }).ToList();
        start.Release(20);
        var answers = await Task.WhenAll(tries);
        Assert.All(answers, a => Assert.Equal("ok", a.Item1));
        Assert.Single(answers.Select(a => a.Item2).Distinct());
        Assert.Equal(19, answers.Count(a => a.Item3));
        Assert.Equal(1, await RowsAsync());
        Assert.Equal("already_inside", (string)(await CheckInAsync(Scan(token, "in", "other-nonce")))["result"]!);
    }

    [Fact]
    public async Task OfflineUpload_ReconciledInTimeOrder_ConflictsReported()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var subjectId = await PassSeed.SubjectAsync(_operator);
        var pass = await PassSeed.PassAsync(_operator, eventId, subjectId);
        var token = (string)pass["token"]!;
        // Sent out of order: in -30 min, out -20, in -10, in -5 (a conflict: already inside), out now, plus junk.
        var body = $$"""
            {"scans":[
              {{Scan(token, "out", "o-1040", scannedAt: At(-20))}},
              {{Scan(token, "in", "o-1055", "gate-b", At(-5))}},
              {{Scan(token, "in", "o-1030", scannedAt: At(-30))}},
              {{Scan(token, "out", "o-1100", scannedAt: At(0))}},
              {{Scan(token, "in", "o-1050", scannedAt: At(-10))}},
              {{Scan("junk", "in", "o-junk", scannedAt: At(-15))}}
            ]}
            """;
        var report = await Json.PostAsync(_scanner, "/api/v1/checkins/offline", body, HttpStatusCode.OK);
        Assert.Equal((6, 4, 1, 1), ((int)report["scans"]!, (int)report["ok"]!, (int)report["conflicts"]!, (int)report["refused"]!));
        var results = report["results"]!.AsArray();
        Assert.Equal(["o-1030", "o-1040", "o-junk", "o-1050", "o-1055", "o-1100"], results.Select(r => ((string)r!["nonce"]!)[_prefix.Length..]));
        Assert.Equal(["ok", "ok", "refused", "ok", "already_inside", "ok"], results.Select(r => (string)r!["result"]!));
        Assert.Equal(2, (int)results[0]!["index"]!);

        var again = await Json.PostAsync(_scanner, "/api/v1/checkins/offline", body, HttpStatusCode.OK);
        Assert.Equal(6, (int)again["duplicates"]!); // an upload retried loses nothing and adds nothing
        Assert.Equal(6, await RowsAsync());
    }

    [Fact]
    public async Task OfflineUpload_ScanBeforeRevocation_StillCounts()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var scannedIn = At(10);
        _factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await Json.PostAsync(_operator, $"/api/v1/passes/{(string)pass["id"]!}/revoke", "{}", HttpStatusCode.OK);
        var body = $$"""{"scans":[{{Scan((string)pass["token"]!, "in", "b1", scannedAt: scannedIn)}},{{Scan((string)pass["token"]!, "out", "b2", scannedAt: At(10))}}]}""";
        var report = await Json.PostAsync(_scanner, "/api/v1/checkins/offline", body, HttpStatusCode.OK);
        Assert.Equal(["ok", "refused"], report["results"]!.AsArray().Select(r => (string)r!["result"]!));
    }

    [Fact]
    public async Task OfflineUpload_MissingScannedAt_Returns400NamingIt()
    {
        using var response = await _scanner.PostAsync("/api/v1/checkins/offline", Json.Body("""{"scans":[{"token":"t","checkpoint":"gate-a","direction":"in","nonce":"x"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]!["scans[0].scanned_at"]);
    }

    [Fact]
    public async Task RevocationList_Since_ListsOnlyLaterRevocations()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var subjectId = await PassSeed.SubjectAsync(_operator);
        var a = (string)(await PassSeed.PassAsync(_operator, eventId, subjectId))["id"]!;
        var b = (string)(await PassSeed.PassAsync(_operator, eventId, subjectId))["id"]!;
        await Json.PostAsync(_operator, $"/api/v1/passes/{a}/revoke", """{"reason":"lost"}""", HttpStatusCode.OK);
        var between = At(5);
        _factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await Json.PostAsync(_operator, $"/api/v1/passes/{b}/revoke", "{}", HttpStatusCode.OK);
        var all = await Json.ReadAsync(await _scanner.GetAsync($"/api/v1/events/{eventId}/revocations"));
        Assert.Equal([a, b], all["revoked"]!.AsArray().Select(r => (string)r!["pass_id"]!));
        Assert.Equal("lost", (string)all["revoked"]![0]!["reason"]!);
        var later = await Json.ReadAsync(await _scanner.GetAsync($"/api/v1/events/{eventId}/revocations?since={Uri.EscapeDataString(between)}"));
        Assert.Equal([b], later["revoked"]!.AsArray().Select(r => (string)r!["pass_id"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await _scanner.GetAsync($"/api/v1/events/{Guid.NewGuid()}/revocations")).StatusCode);
    }

    [Fact]
    public async Task InsideCounts_ByCheckpoint_FollowMovements()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add((string)(await PassSeed.PassAsync(_operator, eventId, await PassSeed.SubjectAsync(_operator, $"S-{i}")))["token"]!);
        }

        await CheckInAsync(Scan(tokens[0], "in", "c1", "gate-a"));
        await CheckInAsync(Scan(tokens[1], "in", "c2", "gate-b"));
        await CheckInAsync(Scan(tokens[2], "in", "c3", "gate-b"));
        await CheckInAsync(Scan(tokens[1], "out", "c4", "gate-a"));
        var counts = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/events/{eventId}/inside"));
        Assert.Equal(2, (int)counts["inside"]!);
        Assert.Equal(1, (int)counts["by_checkpoint"]!["gate-a"]!);
        Assert.Equal(1, (int)counts["by_checkpoint"]!["gate-b"]!);
    }
}

public sealed class SqliteCheckInTests(SqlitePassHost host) : CheckInTests(host), IClassFixture<SqlitePassHost>;

public sealed class PostgresCheckInTests(PostgresPassHost host) : CheckInTests(host), IClassFixture<PostgresPassHost>;
