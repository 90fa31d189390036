using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Passes;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Events, subjects, passes, verification and keys over HTTP, on SQLite and on PostgreSQL.</summary>
public abstract class PassApiTests(PassHostFixture host) : IAsyncLifetime
{
    private readonly QrForgeFactory _factory = host.Factory;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8];
    private HttpClient _operator = null!;

    public async Task InitializeAsync() => _operator = await _factory.CreateClientAsync(Roles.Operator);

    public Task DisposeAsync()
    {
        _operator.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("""{"starts_at":"2026-11-24T10:00:00Z","ends_at":"2026-11-25T10:00:00Z","checkpoints":["a"]}""", "name")]
    [InlineData("""{"name":"x","starts_at":"2026-11-24T10:00:00Z","ends_at":"2026-11-24T09:00:00Z","checkpoints":["a"]}""", "ends_at")]
    [InlineData("""{"name":"x","starts_at":"2026-11-24T10:00:00Z","ends_at":"2026-11-25T10:00:00Z","checkpoints":[]}""", "checkpoints")]
    [InlineData("""{"name":"x","starts_at":"2026-11-24T10:00:00Z","ends_at":"2026-11-25T10:00:00Z","checkpoints":["Gate A"]}""", "checkpoints")]
    [InlineData("""{"name":"x","starts_at":"2026-11-24T10:00:00Z","ends_at":"2026-11-25T10:00:00Z","checkpoints":["a","a"]}""", "checkpoints")]
    [InlineData("""{"name":"x","starts_at":"2026-11-24T10:00:00Z","ends_at":"2026-11-25T10:00:00Z","time_zone":"Mars/Olympus","checkpoints":["a"]}""", "time_zone")]
    public async Task CreateEvent_InvalidField_Returns400NamingIt(string json, string field)
    {
        using var response = await _operator.PostAsync("/api/v1/events", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task Events_CreateListGet_RoundTrip()
    {
        var id = await PassSeed.EventAsync(_operator);
        var ev = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/events/{id}"));
        Assert.Equal("Europe/Berlin", (string)ev["time_zone"]!);
        Assert.Equal(3, ev["checkpoints"]!.AsArray().Count);
        var page = await Json.ReadAsync(await _operator.GetAsync("/api/v1/events?limit=200"));
        Assert.Contains(id, page["items"]!.AsArray().Select(e => (string)e!["id"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.GetAsync($"/api/v1/events/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"alien","external_id":"1","name":"x"}""", "kind")]
    [InlineData("""{"kind":"student","external_id":"","name":"x"}""", "external_id")]
    [InlineData("""{"kind":"student","external_id":"1","name":" "}""", "name")]
    public async Task CreateSubject_InvalidField_Returns400NamingIt(string json, string field)
    {
        using var response = await _operator.PostAsync("/api/v1/subjects", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task ImportSubjects_MixedRows_ReportsEveryRow()
    {
        await PassSeed.SubjectAsync(_operator, _prefix + "-1");
        var csv = "kind,external_id,name,class\r\nstudent,P-1,Ada Renamed,4b\r\nstudent,P-2,\"Grace, Hopper\",5a\r\nalien,P-3,Zork,\r\nstall,P-2,\"Stall \"\"Two\"\"\",\r\nstudent,P-2,Dup,\r\nstudent,P-4\r\n".Replace("P-", _prefix + "-", StringComparison.Ordinal);
        using var response = await _operator.PostAsync("/api/v1/subjects/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        var report = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((6, 2, 1, 3), ((int)report["rows"]!, (int)report["created"]!, (int)report["updated"]!, (int)report["failed"]!));
        var rows = report["results"]!.AsArray();
        Assert.Equal(["updated", "created", "failed", "created", "failed", "failed"], rows.Select(r => (string)r!["status"]!));
        Assert.Equal([2, 3, 4, 5, 6, 7], rows.Select(r => (int)r!["line"]!));
        Assert.NotNull(rows[2]!["errors"]!["kind"]);
        Assert.NotNull(rows[4]!["errors"]!["external_id"]);
        Assert.NotNull(rows[5]!["errors"]!["row"]);
        var grace = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/subjects/{(string)rows[1]!["id"]!}"));
        Assert.Equal("Grace, Hopper", (string)grace["name"]!);
        Assert.Equal("5a", (string)grace["attributes"]!["class"]!);
        var stall = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/subjects/{(string)rows[3]!["id"]!}"));
        Assert.Equal("Stall \"Two\"", (string)stall["name"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("name,kind\nx,student\n")]
    [InlineData("kind,external_id,name\nstudent,\"open")]
    public async Task ImportSubjects_BadCsv_Returns400NamingBody(string csv)
    {
        using var response = await _operator.PostAsync("/api/v1/subjects/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]!["body"]);
    }

    /// <summary>One row over the limit (50,000 by default) is refused whole, never cut silently.</summary>
    [Fact]
    public async Task ImportSubjects_OverTheRowLimit_Returns413NamingTheLimit()
    {
        var csv = new System.Text.StringBuilder("kind,external_id,name\n");
        for (var i = 0; i < 50_001; i++)
        {
            csv.Append("student,").Append(_prefix).Append("-big-").Append(i).Append(",Row ").Append(i).Append('\n');
        }

        using var response = await _operator.PostAsync("/api/v1/subjects/import", new StringContent(csv.ToString(), System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Json.ReadAsync(response);
        Assert.Equal(50_000, (int)problem["limit"]!);
        Assert.Contains("50000", (string)problem["detail"]!, StringComparison.Ordinal);
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        Assert.False(await db.Subjects.IgnoreQueryFilters().AnyAsync(s => s.ExternalId.StartsWith(_prefix + "-big-")));
    }

    [Fact]
    public async Task CreatePass_Valid_ReturnsBothTokensAndImageUrl()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var id = (string)pass["id"]!;
        Assert.Equal(164, ((string)pass["token"]!).Length);
        Assert.StartsWith("eyJ", (string)pass["jwt"]!, StringComparison.Ordinal);
        Assert.EndsWith($"/api/v1/passes/{id}/image.png", (string)pass["image_url"]!, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T10:00:00Z"), DateTimeOffset.Parse((string)pass["valid_from"]!));
        Assert.Equal("active", (string)pass["status"]!);
        var got = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/passes/{id}"));
        Assert.Equal((string)pass["token"]!, (string)got["token"]!);
        var page = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/passes?event_id={(string)pass["event_id"]!}"));
        Assert.Single(page["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{}""", "event_id")]
    [InlineData("""{"event_id":"00000000-0000-0000-0000-000000000009"}""", "event_id")]
    [InlineData("""{"event_id":"00000000-0000-0000-0000-000000000009"}""", "subject_id")]
    public async Task CreatePass_InvalidField_Returns400NamingIt(string json, string field)
    {
        using var response = await _operator.PostAsync("/api/v1/passes", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task CreatePass_WindowReversed_Returns400()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var subjectId = await PassSeed.SubjectAsync(_operator);
        using var response = await _operator.PostAsync("/api/v1/passes", Json.Body($$"""{"event_id":"{{eventId}}","subject_id":"{{subjectId}}","valid_from":"2026-11-25T00:00:00Z","valid_until":"2026-11-24T00:00:00Z"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]!["valid_until"]);
    }

    [Fact]
    public async Task Verify_ValidToken_ReturnsValidWithSubject()
    {
        var pass = await PassSeed.PassAsync(_operator);
        using var scanner = await _factory.CreateClientAsync(Roles.Scanner);
        foreach (var token in new[] { (string)pass["token"]!, (string)pass["jwt"]! })
        {
            var body = await Json.PostAsync(scanner, "/api/v1/passes/verify", System.Text.Json.JsonSerializer.Serialize(new { token }), HttpStatusCode.OK);
            Assert.Equal("valid", (string)body["result"]!);
            Assert.Equal((string)pass["id"]!, (string)body["pass_id"]!);
            Assert.Equal("Ada Lovelace", (string)body["subject"]!["name"]!);
            Assert.Equal("4b", (string)body["subject"]!["attributes"]!["class"]!);
        }
    }

    [Theory]
    [InlineData("""{"token":null}""")]
    [InlineData("""{"token":""}""")]
    [InlineData("""{"token":"hello"}""")]
    [InlineData("""{"token":"eyJ.eyJ.eyJ"}""")]
    [InlineData("""{}""")]
    public async Task Verify_Garbage_IsMalformedNever500(string json)
    {
        using var response = await _operator.PostAsync("/api/v1/passes/verify", Json.Body(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("malformed", (string)(await Json.ReadAsync(response))["result"]!);
    }

    [Fact]
    public async Task Verify_LongToken_IsMalformed() => Assert.Equal("malformed", await PassSeed.VerifyAsync(_operator, new string('A', 10_000)));

    [Fact]
    public async Task Verify_HugeToken_IsMalformedNot500() => Assert.Equal("malformed", await PassSeed.VerifyAsync(_operator, new string('A', 200_000)));

    [Fact]
    public async Task Verify_Verdicts_FollowTamperingRevocationTimeAndDeletion()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var subjectId = await PassSeed.SubjectAsync(_operator);
        var a = await PassSeed.PassAsync(_operator, eventId, subjectId);
        var b = await PassSeed.PassAsync(_operator, eventId, subjectId);
        var c = await PassSeed.PassAsync(_operator, eventId, subjectId);
        var token = (string)a["token"]!;
        var tampered = token[..^1] + (token[^1] == '0' ? '1' : '0');
        Assert.Contains(await PassSeed.VerifyAsync(_operator, tampered), new[] { "tampered", "malformed" });
        var claimsChanged = token[..15] + (token[15] == 'A' ? 'B' : 'A') + token[16..]; // bytes 10-11, inside the pass id: the signature no longer matches
        Assert.Equal("tampered", await PassSeed.VerifyAsync(_operator, claimsChanged));

        await Json.PostAsync(_operator, $"/api/v1/passes/{(string)b["id"]!}/revoke", """{"reason":"lost"}""", HttpStatusCode.OK);
        Assert.Equal("revoked", await PassSeed.VerifyAsync(_operator, (string)b["token"]!));
        Assert.Equal("revoked", await PassSeed.VerifyAsync(_operator, (string)b["jwt"]!));

        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            var cId = Guid.Parse((string)c["id"]!);
            await db.Passes.Where(p => p.Id == cId).ExecuteDeleteAsync();
        }

        Assert.Equal("unknown_pass", await PassSeed.VerifyAsync(_operator, (string)c["token"]!));

        // Skew is 2 minutes: a pass for [t+3 min, t+10 min) is valid from t+1 min (inclusive) to t+12 min (exclusive).
        var t = new DateTimeOffset(_factory.Clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);
        var timed = await Json.PostAsync(_operator, "/api/v1/passes", $$"""{"event_id":"{{eventId}}","subject_id":"{{subjectId}}","valid_from":"{{t.AddMinutes(3):O}}","valid_until":"{{t.AddMinutes(10):O}}"}""");
        var timedToken = (string)timed["jwt"]!;
        Assert.Equal("not_yet_valid", await PassSeed.VerifyAsync(_operator, timedToken));
        _factory.Clock.SetUtcNow(t.AddMinutes(1).AddTicks(-1));
        Assert.Equal("not_yet_valid", await PassSeed.VerifyAsync(_operator, timedToken));
        _factory.Clock.SetUtcNow(t.AddMinutes(1));
        Assert.Equal("valid", await PassSeed.VerifyAsync(_operator, timedToken));
        _factory.Clock.SetUtcNow(t.AddMinutes(12).AddTicks(-1));
        Assert.Equal("valid", await PassSeed.VerifyAsync(_operator, timedToken));
        _factory.Clock.SetUtcNow(t.AddMinutes(12));
        Assert.Equal("expired", await PassSeed.VerifyAsync(_operator, timedToken));
        Assert.Equal("valid", await PassSeed.VerifyAsync(_operator, token));
    }

    [Fact]
    public async Task Reissue_RevokesOldAndIssuesNew()
    {
        var old = await PassSeed.PassAsync(_operator);
        var oldId = (string)old["id"]!;
        var replacement = await Json.PostAsync(_operator, $"/api/v1/passes/{oldId}/reissue", "{}");
        Assert.NotEqual(oldId, (string)replacement["id"]!);
        Assert.Equal((string)old["subject_id"]!, (string)replacement["subject_id"]!);
        Assert.Equal("revoked", await PassSeed.VerifyAsync(_operator, (string)old["token"]!));
        Assert.Equal("valid", await PassSeed.VerifyAsync(_operator, (string)replacement["token"]!));
        var after = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/passes/{oldId}"));
        Assert.Equal((string)replacement["id"]!, (string)after["replaced_by"]!);
        using var again = await _operator.PostAsync($"/api/v1/passes/{oldId}/reissue", Json.Body("{}"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.PostAsync($"/api/v1/passes/{Guid.NewGuid()}/revoke", Json.Body("{}"))).StatusCode);
    }

    [Fact]
    public async Task Keys_RotateThenRetire_OldTokensVerifyUntilRetired()
    {
        using var admin = await _factory.CreateClientAsync(Roles.Admin);
        var eventId = await PassSeed.EventAsync(_operator);
        var subjectId = await PassSeed.SubjectAsync(_operator);
        var first = await PassSeed.PassAsync(_operator, eventId, subjectId);
        var oldKid = (string)first["key_id"]!;

        var rotated = await Json.PostAsync(admin, "/api/v1/keys/rotate", "");
        var newKid = (string)rotated["kid"]!;
        Assert.NotEqual(oldKid, newKid);
        var second = await PassSeed.PassAsync(_operator, eventId, subjectId);
        Assert.Equal(newKid, (string)second["key_id"]!);
        Assert.Equal("valid", await PassSeed.VerifyAsync(_operator, (string)first["token"]!));

        var published = await Json.ReadAsync(await _factory.CreateClient().GetAsync("/.well-known/qrforge-keys.json"));
        Assert.Contains(oldKid, published["keys"]!.AsArray().Select(k => (string)k!["kid"]!));
        Assert.Contains(newKid, published["keys"]!.AsArray().Select(k => (string)k!["kid"]!));
        Assert.All(published["keys"]!.AsArray(), k => Assert.Null(k!["d"]));

        using (var activeRetire = await admin.PostAsync($"/api/v1/keys/{newKid}/retire", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, activeRetire.StatusCode);
        }

        await Json.PostAsync(admin, $"/api/v1/keys/{oldKid}/retire", "", HttpStatusCode.OK);
        Assert.Equal("unknown_key", await PassSeed.VerifyAsync(_operator, (string)first["token"]!));
        Assert.Equal("unknown_key", await PassSeed.VerifyAsync(_operator, (string)first["jwt"]!));
        Assert.Equal("valid", await PassSeed.VerifyAsync(_operator, (string)second["token"]!));
        published = await Json.ReadAsync(await _factory.CreateClient().GetAsync("/.well-known/qrforge-keys.json"));
        Assert.DoesNotContain(oldKid, published["keys"]!.AsArray().Select(k => (string)k!["kid"]!));
        Assert.Equal("active", (string)published["keys"]!.AsArray().Single(k => (string)k!["kid"]! == newKid)!["status"]!);
        var listed = await Json.ReadAsync(await admin.GetAsync("/api/v1/keys"));
        Assert.Equal("retired", (string)listed.AsArray().Single(k => (string)k!["kid"]! == oldKid)!["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/keys/zzzz/retire", null)).StatusCode);
    }

    [Fact]
    public async Task SigningKeys_PrivateKeyStoredOnlyAsProtectedCiphertext()
    {
        await PassSeed.PassAsync(_operator);
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var key = await db.SigningKeys.OrderBy(k => k.CreatedAt).FirstAsync();
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() =>
        {
            using var ecdsa = System.Security.Cryptography.ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(key.ProtectedPrivateKey, out _);
        });
        Assert.True(await db.DataProtectionKeys.AnyAsync()); // the key ring is in the database, shared by every node
    }

    /// <summary>Another tenant's token is unknown_pass for verify and check-in, however valid its signature.</summary>
    [Fact]
    public async Task OtherTenant_ValidToken_IsUnknownPass()
    {
        var pass = await PassSeed.PassAsync(_operator);
        using var scope = _factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().TenantId = Guid.NewGuid();
        var passes = scope.ServiceProvider.GetRequiredService<PassService>();
        foreach (var token in new[] { (string)pass["token"]!, (string)pass["jwt"]! })
        {
            var (verdict, _, found) = await passes.VerifyAsync(token, _factory.Clock.GetUtcNow(), fresh: false, CancellationToken.None);
            Assert.Equal(PassVerdict.UnknownPass, verdict);
            Assert.Null(found);
        }

        var checkIn = await scope.ServiceProvider.GetRequiredService<CheckInService>().RecordAsync(
            new CheckInRequest((string)pass["token"]!, "gate-a", "in", null, _prefix + "-other"), offline: false, CancellationToken.None);
        Assert.Equal((CheckInResult.Refused, "unknown_pass"), (checkIn.Result, checkIn.Reason));
        Assert.Null(checkIn.PassId);
    }

    /// <summary>The offline verifier with the published keys gives the server's verdict on every kind of token.</summary>
    [Fact]
    public async Task OfflineVerifier_PublishedKeys_MatchesServerVerdicts()
    {
        using var admin = await _factory.CreateClientAsync(Roles.Admin);
        var eventId = await PassSeed.EventAsync(_operator);
        var subjectId = await PassSeed.SubjectAsync(_operator);
        var old = await PassSeed.PassAsync(_operator, eventId, subjectId);
        var oldKid = (string)old["key_id"]!;
        await Json.PostAsync(admin, "/api/v1/keys/rotate", "");
        var retired = await PassSeed.PassAsync(_operator, eventId, subjectId); // signed by the new key; the old key retires next
        var current = await PassSeed.PassAsync(_operator, eventId, subjectId);
        await Json.PostAsync(admin, $"/api/v1/keys/{oldKid}/retire", "", HttpStatusCode.OK);
        var early = await Json.PostAsync(_operator, "/api/v1/passes", $$"""{"event_id":"{{eventId}}","subject_id":"{{subjectId}}","valid_from":"2026-11-24T20:00:00Z"}""");
        var ended = await Json.PostAsync(_operator, "/api/v1/passes", $$"""{"event_id":"{{eventId}}","subject_id":"{{subjectId}}","valid_until":"2026-11-24T11:00:00Z"}""");
        var t = (string)current["token"]!;
        var tokens = new List<string>
        {
            t, (string)current["jwt"]!, (string)retired["token"]!, (string)old["token"]!, (string)old["jwt"]!,
            (string)early["token"]!, (string)ended["jwt"]!, t[..100] + (t[100] == 'Z' ? 'Y' : 'Z') + t[101..], t[..^2], "garbage", "",
        };

        var keys = PassKeySet.Parse(await (await _factory.CreateClient().GetAsync("/.well-known/qrforge-keys.json")).Content.ReadAsStringAsync());
        var verdicts = new HashSet<string>();
        foreach (var token in tokens)
        {
            var server = await PassSeed.VerifyAsync(_operator, token);
            var parsed = PassVerifier.Parse(token);
            var offline = parsed is null ? PassVerdict.Malformed : PassVerifier.Check(parsed, keys.Find(parsed.Claims.KeyId), _factory.Clock.GetUtcNow(), TimeSpan.FromMinutes(2));
            Assert.Equal(server, CheckInService.Wire(offline));
            verdicts.Add(server);
        }

        Assert.Equal(new[] { "expired", "malformed", "not_yet_valid", "tampered", "unknown_key", "valid" }, verdicts.Order());
    }
}

public sealed class SqlitePassApiTests(SqlitePassHost host) : PassApiTests(host), IClassFixture<SqlitePassHost>;

public sealed class PostgresPassApiTests(PostgresPassHost host) : PassApiTests(host), IClassFixture<PostgresPassHost>;
