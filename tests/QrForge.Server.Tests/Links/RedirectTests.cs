using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Links;

/// <summary>The public redirect <c>/r/{slug}</c> and the scans it records, on SQLite and on PostgreSQL.</summary>
public abstract class RedirectTests(Database database) : IAsyncLifetime
{
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    private QrForgeFactory _factory = null!;
    private HttpClient _client = null!;
    private HttpClient _visitor = null!;

    public async Task InitializeAsync()
    {
        _factory = await LinkTestHost.CreateAsync(database, new() { ["QrForge:Links:CountryHeader"] = "CF-IPCountry" });
        _client = await LinkTestHost.OperatorAsync(_factory);
        _visitor = LinkTestHost.Visitor(_factory);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _visitor.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Found)]
    [InlineData(301, HttpStatusCode.MovedPermanently)]
    [InlineData(307, HttpStatusCode.TemporaryRedirect)]
    public async Task Get_ActiveLink_RedirectsWithStatusNoCacheAndReferrerPolicy(int? status, HttpStatusCode expected)
    {
        var json = status is null ? """{"destination":"https://example.com/a?b=c"}""" : $$"""{"destination":"https://example.com/a?b=c","redirect_status":{{status}}}""";
        var (_, slug) = await LinkTestHost.CreateLinkAsync(_client, json);
        using var response = await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("https://example.com/a?b=c", response.Headers.Location!.OriginalString);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Get_UnknownSlug_Returns404HtmlForBrowsersAndProblemForJson()
    {
        using var html = await LinkTestHost.VisitAsync(_visitor, "/r/nosuchslug", accept: "text/html");
        Assert.Equal(HttpStatusCode.NotFound, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Link not found", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var json = await LinkTestHost.VisitAsync(_visitor, "/r/nosuchslug", accept: "application/json");
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType!.MediaType);
        using var garbage = await LinkTestHost.VisitAsync(_visitor, "/r/%3Cscript%3E", accept: "application/json");
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
    }

    [Fact]
    public async Task Get_DisabledLink_Returns404_AndActiveAgainRedirects()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a"}""");
        Assert.Equal(HttpStatusCode.Found, (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).StatusCode);
        await Json.PatchAsync(_client, $"/api/v1/links/{id}", """{"status":"disabled"}""");
        Assert.Equal(HttpStatusCode.NotFound, (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).StatusCode);
        await Json.PatchAsync(_client, $"/api/v1/links/{id}", """{"status":"active"}""");
        Assert.Equal(HttpStatusCode.Found, (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Get_AfterDestinationEdit_RedirectsToNewTargetOnTheSameNode()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/old"}""");
        Assert.Equal("https://example.com/old", (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).Headers.Location!.OriginalString);
        await Json.PatchAsync(_client, $"/api/v1/links/{id}", """{"destination":"https://example.com/new"}""");
        Assert.Equal("https://example.com/new", (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Get_ExpiredLink_Returns410_OrRedirectsToExpiredUrl()
    {
        var (_, plain) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","expires_at":"2026-11-24T13:00:00Z"}""");
        var (_, fallback) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","expires_at":"2026-11-24T13:00:00Z","expired_url":"https://example.com/over"}""");
        Assert.Equal(HttpStatusCode.Found, (await LinkTestHost.VisitAsync(_visitor, $"/r/{plain}")).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        using var gone = await LinkTestHost.VisitAsync(_visitor, $"/r/{plain}", accept: "text/html");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("text/html", gone.Content.Headers.ContentType!.MediaType);
        using var goneJson = await LinkTestHost.VisitAsync(_visitor, $"/r/{plain}", accept: "application/json");
        Assert.Equal(HttpStatusCode.Gone, goneJson.StatusCode);
        Assert.Equal("application/problem+json", goneJson.Content.Headers.ContentType!.MediaType);
        using var moved = await LinkTestHost.VisitAsync(_visitor, $"/r/{fallback}");
        Assert.Equal(HttpStatusCode.Found, moved.StatusCode);
        Assert.Equal("https://example.com/over", moved.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Get_BeforeValidFrom_Returns404()
    {
        var (_, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","valid_from":"2026-11-25T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.NotFound, (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Found, (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Head_IsAnsweredButNotCountedNorCapped()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","max_scans":1}""");
        for (var i = 0; i < 3; i++)
        {
            using var head = await _visitor.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/r/{slug}"));
            Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Found, (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).StatusCode);
        await LinkTestHost.FlushScansAsync(_factory);
        var link = await Json.ReadAsync(await _client.GetAsync($"/api/v1/links/{id}"));
        Assert.Equal(1, (long)link["counts"]!["scans"]!);
        Assert.Equal(1, (int)link["counts"]!["capped_redirects"]!);
    }

    [Fact]
    public async Task Get_ConcurrentVisitsOfCappedLink_ExactlyMaxScansRedirect()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","max_scans":7}""");
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => LinkTestHost.VisitAsync(_visitor, $"/r/{slug}", accept: "application/json")));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Found));
        Assert.Equal(33, responses.Count(r => r.StatusCode == HttpStatusCode.Gone));
        await LinkTestHost.FlushScansAsync(_factory);
        var link = await Json.ReadAsync(await _client.GetAsync($"/api/v1/links/{id}"));
        Assert.Equal(7, (long)link["counts"]!["scans"]!);
    }

    [Fact]
    public async Task Get_Visits_RecordEnrichedScans()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a"}""");
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{slug}?qr"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", IPhone);
            request.Headers.TryAddWithoutValidation("CF-IPCountry", "de");
            (await _visitor.SendAsync(request)).Dispose();
        }

        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{slug}"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
            request.Headers.Referrer = new Uri("https://News.Example.org/article?id=1");
            (await _visitor.SendAsync(request)).Dispose();
        }

        await LinkTestHost.FlushScansAsync(_factory);
        var page = await Json.ReadAsync(await _client.GetAsync($"/api/v1/links/{id}/scans"));
        var items = page["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var bot = items[0]!;
        var phone = items[1]!;
        Assert.Equal("qr", (string)phone["source"]!);
        Assert.Equal("mobile", (string)phone["device"]!);
        Assert.Equal("iOS", (string)phone["os"]!);
        Assert.Equal("Safari", (string)phone["browser"]!);
        Assert.False((bool)phone["is_bot"]!);
        Assert.Equal("DE", (string)phone["country"]!);
        Assert.Equal(32, ((string)phone["visitor_hash"]!).Length);
        Assert.Null(phone["ip"]);
        Assert.Equal("click", (string)bot["source"]!);
        Assert.True((bool)bot["is_bot"]!);
        Assert.Equal("news.example.org", (string)bot["referrer_host"]!);
        Assert.Null(bot["country"]);
    }

    [Fact]
    public async Task Scans_Cursor_PagesAllScansOnce()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a"}""");
        for (var i = 0; i < 5; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(1));
            (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).Dispose();
        }

        await LinkTestHost.FlushScansAsync(_factory);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Json.ReadAsync(await _client.GetAsync($"/api/v1/links/{id}/scans?limit=2" + (cursor is null ? "" : $"&cursor={cursor}")));
            seen.AddRange(page["items"]!.AsArray().Select(s => (string)s!["id"]!));
            cursor = (string?)page["next_cursor"];
        }
        while (cursor is not null);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(seen.OrderDescending(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Csv_CellsStartingWithFormulaCharacters_ArePrefixed()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a"}""");
        (await LinkTestHost.VisitAsync(_visitor, $"/r/{slug}")).Dispose();
        await LinkTestHost.FlushScansAsync(_factory);

        // A scan whose text fields were chosen by an attacker (the user agent and referrer are).
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            db.Scans.Add(new Server.Scans.Scan
            {
                Id = Guid.CreateVersion7(_factory.Clock.GetUtcNow().AddSeconds(1)),
                TenantId = TenantContext.DefaultTenantId,
                LinkId = id,
                OccurredAt = _factory.Clock.GetUtcNow().UtcDateTime,
                Source = "click",
                Device = "=cmd",
                Os = "+1",
                Browser = "-2",
                ReferrerHost = "=HYPERLINK(\"http://x\")",
                Country = "\tX",
                VisitorHash = "a,b",
            });
            await db.SaveChangesAsync();
        }

        using var response = await _client.GetAsync($"/api/v1/links/{id}/scans.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,occurred_at,source", lines[0], StringComparison.Ordinal);
        Assert.Contains(",'=cmd,'+1,'-2,false,\"'=HYPERLINK(\"\"http://x\"\")\",'\tX,\"a,b\",", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_QueueFull_StillRedirectsAndCountsTheDroppedScans()
    {
        // The writer takes one scan and then waits out a 60 s batch window; the queue holds one more.
        await using var tight = await LinkTestHost.CreateAsync(database, new()
        {
            ["QrForge:Links:ScanFlushMilliseconds"] = "60000",
            ["QrForge:Links:ScanQueueCapacity"] = "1",
        });
        _ = tight.Services.GetRequiredService<Server.Operations.QrForgeMetrics>();
        var meters = tight.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        long dropped = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other test hosts run in parallel in the same process.
            if (instrument.Name == "qrforge.scans.dropped" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        using var client = await LinkTestHost.OperatorAsync(tight);
        using var visitor = LinkTestHost.Visitor(tight);
        var (_, slug) = await LinkTestHost.CreateLinkAsync(client, """{"destination":"https://example.com/a"}""");
        for (var i = 0; i < 6; i++)
        {
            using var response = await LinkTestHost.VisitAsync(visitor, $"/r/{slug}");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        }

        var accepted = tight.Services.GetRequiredService<Server.Scans.PendingScans>().Accepted;
        Assert.InRange(accepted, 1, 2);
        Assert.Equal(6 - accepted, Interlocked.Read(ref dropped));
    }

    [Fact]
    public async Task Shutdown_WithScansQueued_FlushesThemAll()
    {
        await using var slow = await LinkTestHost.CreateAsync(database, new() { ["QrForge:Links:ScanFlushMilliseconds"] = "60000" });
        using var client = await LinkTestHost.OperatorAsync(slow);
        using var visitor = LinkTestHost.Visitor(slow);
        var (id, slug) = await LinkTestHost.CreateLinkAsync(client, """{"destination":"https://example.com/a"}""");
        for (var i = 0; i < 25; i++)
        {
            (await LinkTestHost.VisitAsync(visitor, $"/r/{slug}")).Dispose();
        }

        var connection = slow.ConnectionString;
        await slow.DisposeAsync(); // graceful stop: the writer is waiting out its 60 s batch window

        await using var again = await LinkTestHost.CreateAsync(database, connectionString: connection);
        await using var scope = again.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        Assert.Equal(25, await db.Scans.CountAsync(s => s.LinkId == id));
    }
}

public sealed class SqliteRedirectTests() : RedirectTests(Database.Sqlite);

public sealed class PostgresRedirectTests() : RedirectTests(Database.Postgres);
