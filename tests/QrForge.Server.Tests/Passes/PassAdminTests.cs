using System.Net;
using System.Text.Json;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Events and subjects edited and deleted; check-ins listed with a cursor and exported as CSV. Both databases.</summary>
public abstract class PassAdminTests(PassHostFixture host) : IAsyncLifetime
{
    private readonly QrForgeFactory _factory = host.Factory;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8];
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

    [Fact]
    public async Task PatchEvent_SomeMembers_ChangesOnlyThose()
    {
        var id = await PassSeed.EventAsync(_operator);
        using var response = await Json.PatchAsync(_operator, $"/api/v1/events/{id}", """{"name":"Autumn fair","checkpoints":["gate-a","gate-c"]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ev = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/events/{id}"));
        Assert.Equal("Autumn fair", (string)ev["name"]!);
        Assert.Equal(["gate-a", "gate-c"], ev["checkpoints"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("Europe/Berlin", (string)ev["time_zone"]!); // not sent: kept
        using var bad = await Json.PatchAsync(_operator, $"/api/v1/events/{id}", """{"ends_at":"2000-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await Json.ReadAsync(bad))["errors"]!["ends_at"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Json.PatchAsync(_operator, $"/api/v1/events/{Guid.NewGuid()}", "{}")).StatusCode);
    }

    [Fact]
    public async Task PatchSubject_Name_PassesShowItAtOnce()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var subjectId = (string)pass["subject_id"]!;
        Assert.Equal("Ada Lovelace", (string)(await Json.PostAsync(_scanner, "/api/v1/passes/verify", JsonSerializer.Serialize(new { token = (string)pass["token"]! }), HttpStatusCode.OK))["subject"]!["name"]!);
        using var response = await Json.PatchAsync(_operator, $"/api/v1/subjects/{subjectId}", """{"name":"Ada King"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4b", (string)(await Json.ReadAsync(response))["attributes"]!["class"]!); // attributes not sent: kept
        var verified = await Json.PostAsync(_scanner, "/api/v1/passes/verify", JsonSerializer.Serialize(new { token = (string)pass["token"]! }), HttpStatusCode.OK);
        Assert.Equal("Ada King", (string)verified["subject"]!["name"]!);
    }

    [Fact]
    public async Task PatchSubject_ToATakenExternalId_Is409()
    {
        var a = await PassSeed.SubjectAsync(_operator, _prefix + "-a");
        await PassSeed.SubjectAsync(_operator, _prefix + "-b");
        using var response = await Json.PatchAsync(_operator, $"/api/v1/subjects/{a}", $$"""{"external_id":"{{_prefix}}-b"}""");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Delete_EventAndSubjectWithoutPasses_GoneWithPasses_409()
    {
        var lonelyEvent = await PassSeed.EventAsync(_operator);
        var lonelySubject = await PassSeed.SubjectAsync(_operator);
        Assert.Equal(HttpStatusCode.NoContent, (await _operator.DeleteAsync($"/api/v1/events/{lonelyEvent}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.GetAsync($"/api/v1/events/{lonelyEvent}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _operator.DeleteAsync($"/api/v1/subjects/{lonelySubject}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.GetAsync($"/api/v1/subjects/{lonelySubject}")).StatusCode);

        var pass = await PassSeed.PassAsync(_operator);
        using var ev = await _operator.DeleteAsync($"/api/v1/events/{(string)pass["event_id"]!}");
        Assert.Equal(HttpStatusCode.Conflict, ev.StatusCode);
        Assert.Equal(1, (int)(await Json.ReadAsync(ev))["passes"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await _operator.DeleteAsync($"/api/v1/subjects/{(string)pass["subject_id"]!}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.DeleteAsync($"/api/v1/events/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task CheckIns_ListedWithACursorAndExportedAsFormulaSafeCsv()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var pass = await PassSeed.PassAsync(_operator, eventId, await PassSeed.SubjectAsync(_operator));
        var token = (string)pass["token"]!;
        for (var i = 0; i < 5; i++)
        {
            var body = JsonSerializer.Serialize(new { token, checkpoint = "gate-a", direction = i % 2 == 0 ? "in" : "out", nonce = $"{_prefix}-{i}" });
            await Json.PostAsync(_scanner, "/api/v1/checkins", body, HttpStatusCode.OK);
        }

        // A nonce a spreadsheet would run as a formula (and an "in" while inside: already_inside).
        await Json.PostAsync(_scanner, "/api/v1/checkins", JsonSerializer.Serialize(new { token, checkpoint = "gate-a", direction = "in", nonce = "=HYPERLINK(\"http://evil\")" + _prefix }), HttpStatusCode.OK);

        var first = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/events/{eventId}/checkins?limit=4"));
        Assert.Equal(4, first["items"]!.AsArray().Count);
        var cursor = (string)first["next_cursor"]!;
        var second = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/events/{eventId}/checkins?limit=4&cursor={cursor}"));
        Assert.Equal(2, second["items"]!.AsArray().Count);
        Assert.Null(second["next_cursor"]);
        var all = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(c => (string)c!["id"]!).ToList();
        Assert.Equal(6, all.Distinct().Count());
        var conflicts = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/events/{eventId}/checkins?result=already_inside"));
        Assert.Single(conflicts["items"]!.AsArray());

        using var csv = await _operator.GetAsync($"/api/v1/events/{eventId}/checkins.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("checkin_id,scanned_at", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://evil\"\")", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.GetAsync($"/api/v1/events/{eventId}/checkins?result=maybe")).StatusCode);
    }
}

public sealed class SqlitePassAdminTests(SqlitePassHost host) : PassAdminTests(host), IClassFixture<SqlitePassHost>;

public sealed class PostgresPassAdminTests(PostgresPassHost host) : PassAdminTests(host), IClassFixture<PostgresPassHost>;
