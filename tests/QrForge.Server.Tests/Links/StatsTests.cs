using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Scans;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Links;

/// <summary>
/// Stats against a seeded data set with known answers, on SQLite and PostgreSQL. The scans sit around the end
/// of summer time in Europe/Berlin (2026-10-25 03:00 CEST → 02:00 CET, at 01:00 UTC), so the local day of
/// 25 October has 25 hours and the 02:00 hour happens twice.
/// </summary>
public abstract class StatsTests(Database database) : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _client = null!;
    private Guid _a;
    private Guid _b;

    public async Task InitializeAsync()
    {
        _factory = await LinkTestHost.CreateAsync(database);
        _client = await LinkTestHost.OperatorAsync(_factory);
        (_a, _) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","tags":["spring"]}""");
        (_b, _) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/b","tags":["autumn"]}""");
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        // Through the writer's own path, so the roll-ups are written with the scans.
        await ScanWriter.StoreAsync(db, [
            Scan(_a, "2026-10-24T21:30:00Z", "qr", "mobile", "iOS", "Safari", "v1", "DE", null),          // 23:30 CEST, 24 Oct
            Scan(_a, "2026-10-24T22:30:00Z", "click", "desktop", "Windows", "Chrome", "v2", "FR", "news.example"), // 00:30 CEST, 25 Oct
            Scan(_a, "2026-10-25T00:30:00Z", "qr", "mobile", "Android", "Chrome", "v1", "DE", null),       // 02:30 CEST (first)
            Scan(_a, "2026-10-25T01:30:00Z", "qr", "mobile", "iOS", "Safari", "v3", "DE", null),           // 02:30 CET (second)
            Scan(_a, "2026-10-25T22:30:00Z", "click", "desktop", "macOS", "Firefox", "v2", null, "news.example"), // 23:30 CET, 25 Oct
            Scan(_a, "2026-10-25T23:30:00Z", "click", "bot", "other", "bot", "v9", null, null, bot: true), // 00:30 CET, 26 Oct
            Scan(_b, "2026-10-25T12:00:00Z", "qr", "tablet", "iOS", "Safari", "v4", "AT", null)], new System.Buffers.ArrayBufferWriter<byte>());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private const string Range = "from=2026-10-24T00:00:00%2B02:00&to=2026-10-27T00:00:00%2B01:00";

    [Fact]
    public async Task LinkStats_DaysInBerlin_CountEachLocalDayIncludingThe25HourDay()
    {
        var body = await GetAsync($"/api/v1/links/{_a}/stats?{Range}&interval=day&tz=Europe/Berlin");
        var totals = body["totals"]!;
        Assert.Equal(5, (long)totals["scans"]!);
        Assert.Equal(3, (long)totals["qr_scans"]!);
        Assert.Equal(2, (long)totals["clicks"]!);
        Assert.Equal(3, (long)totals["unique_visitors"]!);
        Assert.Equal(1, (long)totals["bots"]!);
        var series = body["series"]!.AsArray();
        Assert.Equal(["2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"], series.Select(p => (string)p!["start"]!));
        Assert.Equal([1L, 4L, 0L], series.Select(p => (long)p!["scans"]!));
        Assert.Equal([1L, 2L, 0L], series.Select(p => (long)p!["qr_scans"]!));
        Assert.Equal([1L, 3L, 0L], series.Select(p => (long)p!["unique_visitors"]!));
    }

    [Fact]
    public async Task LinkStats_DaysInUtc_SplitDifferently()
    {
        var body = await GetAsync($"/api/v1/links/{_a}/stats?from=2026-10-24T00:00:00Z&to=2026-10-27T00:00:00Z&interval=day");
        Assert.Equal([2L, 3L, 0L], body["series"]!.AsArray().Select(p => (long)p!["scans"]!));
    }

    [Fact]
    public async Task LinkStats_HoursAcrossTheChange_RepeatTheTwoOClockHour()
    {
        var body = await GetAsync($"/api/v1/links/{_a}/stats?from=2026-10-25T00:00:00%2B02:00&to=2026-10-25T04:00:00%2B01:00&interval=hour&tz=Europe/Berlin");
        var series = body["series"]!.AsArray();
        Assert.Equal(
            ["2026-10-25T00:00:00+02:00", "2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"],
            series.Select(p => (string)p!["start"]!));
        Assert.Equal([1L, 0L, 1L, 1L, 0L], series.Select(p => (long)p!["scans"]!));
    }

    [Fact]
    public async Task LinkStats_WeeksAndMonths_StartOnMondayAndTheFirst()
    {
        var weeks = await GetAsync($"/api/v1/links/{_a}/stats?{Range}&interval=week&tz=Europe/Berlin");
        Assert.Equal(["2026-10-19T00:00:00+02:00", "2026-10-26T00:00:00+01:00"], weeks["series"]!.AsArray().Select(p => (string)p!["start"]!));
        Assert.Equal([5L, 0L], weeks["series"]!.AsArray().Select(p => (long)p!["scans"]!));
        var months = await GetAsync($"/api/v1/links/{_a}/stats?{Range}&interval=month&tz=Europe/Berlin");
        Assert.Equal(["2026-10-01T00:00:00+02:00"], months["series"]!.AsArray().Select(p => (string)p!["start"]!));
    }

    [Fact]
    public async Task LinkStats_Tops_RankHumanValues()
    {
        var top = (await GetAsync($"/api/v1/links/{_a}/stats?{Range}"))["top"]!;
        Assert.Equal([("mobile", 3L), ("desktop", 2L)], Pairs(top["devices"]!));
        Assert.Equal([("iOS", 2L), ("Android", 1L), ("Windows", 1L), ("macOS", 1L)], Pairs(top["os"]!));
        Assert.Equal([("Chrome", 2L), ("Safari", 2L), ("Firefox", 1L)], Pairs(top["browsers"]!));
        Assert.Equal([("news.example", 2L)], Pairs(top["referrers"]!));
        Assert.Equal([("DE", 3L), ("FR", 1L)], Pairs(top["countries"]!));
    }

    [Fact]
    public async Task TagAndTenantStats_CoverTheirLinks()
    {
        var spring = await GetAsync($"/api/v1/links/stats?{Range}&tag=spring");
        Assert.Equal(5, (long)spring["totals"]!["scans"]!);
        var autumn = await GetAsync($"/api/v1/links/stats?{Range}&tag=autumn");
        Assert.Equal(1, (long)autumn["totals"]!["scans"]!);
        var tenant = await GetAsync($"/api/v1/links/stats?{Range}&tz=Europe/Berlin");
        Assert.Equal(6, (long)tenant["totals"]!["scans"]!);
        Assert.Equal(4, (long)tenant["totals"]!["unique_visitors"]!);
        Assert.Equal([1L, 5L, 0L], tenant["series"]!.AsArray().Select(p => (long)p!["scans"]!));
    }

    [Theory]
    [InlineData("interval=minute", "interval")]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from")]
    [InlineData("from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=hour", "interval")]
    public async Task Stats_BadQuery_Returns400NamingIt(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/v1/links/{_a}/stats?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    private async Task<JsonNode> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static (string, long)[] Pairs(JsonNode list) => [.. list.AsArray().Select(c => ((string)c!["value"]!, (long)c["count"]!))];

    private static Scan Scan(Guid link, string at, string source, string device, string os, string browser, string visitor, string? country, string? referrer, bool bot = false)
    {
        var time = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        return new Scan
        {
            Id = Guid.CreateVersion7(time),
            TenantId = TenantContext.DefaultTenantId,
            LinkId = link,
            OccurredAt = time.UtcDateTime,
            Source = source,
            Device = device,
            Os = os,
            Browser = browser,
            IsBot = bot,
            Country = country,
            ReferrerHost = referrer,
            VisitorHash = visitor,
        };
    }
}

public sealed class SqliteStatsTests() : StatsTests(Database.Sqlite);

public sealed class PostgresStatsTests() : StatsTests(Database.Postgres);
