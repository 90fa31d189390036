using System.Buffers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Scans;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Links;

/// <summary>
/// The roll-up path answers exactly as the raw path: a seeded set of scans at random instants (written through
/// the scan writer in several batches, so the upserts add to existing rows) is asked by hour, day, week and month
/// in zones with whole, half and three-quarter hour offsets, for a link, a tag and the tenant.
/// </summary>
public abstract class StatsRollupTests(Database database) : IAsyncLifetime
{
    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Australia/Eucla"];

    private QrForgeFactory _factory = null!;
    private HttpClient _client = null!;
    private Guid _a;

    public async Task InitializeAsync()
    {
        _factory = await LinkTestHost.CreateAsync(database);
        _client = await LinkTestHost.OperatorAsync(_factory);
        (_a, _) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","tags":["x"]}""");
        var (b, _) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/b","tags":["x","y"]}""");
        var (c, _) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/c"}""");
        var links = new[] { _a, b, c };
        var random = new Random(42);
        var start = new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc);
        var scans = new List<Scan>();
        for (var i = 0; i < 3000; i++)
        {
            var at = start.AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(14).Ticks));
            var bot = random.Next(20) == 0;
            scans.Add(new Scan
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(at)),
                TenantId = TenantContext.DefaultTenantId,
                LinkId = links[random.Next(links.Length)],
                OccurredAt = at,
                Source = random.Next(3) == 0 ? "click" : "qr",
                Device = bot ? "bot" : Pick(random, "mobile", "desktop", "tablet", "other")!,
                Os = Pick(random, "iOS", "Android", "Windows", "macOS", "Linux", "other")!,
                Browser = Pick(random, "Safari", "Chrome", "Edge", "Firefox", "other")!,
                IsBot = bot,
                ReferrerHost = Pick(random, null, null, "a.example", "b.example"),
                Country = Pick(random, null, "DE", "IN", "NP", "CA", "AU"),
                VisitorHash = $"v{random.Next(200)}",
            });
        }

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var buffer = new ArrayBufferWriter<byte>();
        // In time order, as the writer's queue delivers them.
        foreach (var batch in scans.OrderBy(s => s.OccurredAt).Chunk(700))
        {
            await ScanWriter.StoreAsync(db, [.. batch], buffer);
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task RolledUp_EveryZoneIntervalAndScope_AnswersAsTheRawScans()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        StatsScope[] scopes = [new(_a, null), new(null, "x"), new(null, null)];
        foreach (var zoneId in Zones)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var query = new StatsQuery(ScanStats.ToUtc(new DateTime(2026, 10, 21), zone), ScanStats.ToUtc(new DateTime(2026, 11, 2), zone), "day", zone);
            foreach (var interval in ScanStats.Intervals)
            {
                var q = query with { Interval = interval };
                Assert.True(ScanStats.CanRollUp(ScanStats.Buckets(q)), $"{zoneId} {interval} should be served by the roll-ups");
                foreach (var s in scopes)
                {
                    var raw = await ScanStats.ComputeAsync(db, s, q, StatsPath.Raw, CancellationToken.None);
                    var rolled = await ScanStats.ComputeAsync(db, s, q, StatsPath.RollUp, CancellationToken.None);
                    Assert.True(raw.Totals.Scans > 0, $"{zoneId} {interval} {s}: the seeded set should be in range");
                    Assert.Equal(JsonSerializer.Serialize(raw), JsonSerializer.Serialize(rolled));
                }
            }
        }
    }

    [Fact]
    public async Task Stats_RangeOffAQuarterHour_FallsBackToTheRawScans()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var q = new StatsQuery(new DateTime(2026, 10, 21, 10, 7, 0, DateTimeKind.Utc), new DateTime(2026, 10, 25, 18, 30, 0, DateTimeKind.Utc), "day", zone);
        Assert.False(ScanStats.CanRollUp(ScanStats.Buckets(q)));
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var raw = await ScanStats.ComputeAsync(db, new StatsScope(_a, null), q, StatsPath.Raw, CancellationToken.None);
        var chosen = await ScanStats.ComputeAsync(db, new StatsScope(_a, null), q, CancellationToken.None);
        Assert.True(raw.Totals.Scans > 0);
        Assert.Equal(JsonSerializer.Serialize(raw), JsonSerializer.Serialize(chosen));
    }

    [Fact]
    public async Task Redirects_WrittenByTheScanWriter_AreRolledUp()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/d"}""");
        using var visitor = LinkTestHost.Visitor(_factory);
        for (var i = 0; i < 3; i++)
        {
            (await LinkTestHost.VisitAsync(visitor, $"/r/{slug}{(i == 0 ? "?qr" : "")}")).Dispose();
        }

        await LinkTestHost.FlushScansAsync(_factory);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var rows = await db.ScanRollups.Where(r => r.LinkId == id && r.Dimension == "scan").ToListAsync();
        Assert.Equal(3, rows.Sum(r => r.Count));
        Assert.Equal(1, rows.Where(r => r.Value == "qr").Sum(r => r.Count));
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var q = new StatsQuery(ScanRollupsQuarter(now).AddDays(-1), ScanRollupsQuarter(now).AddDays(1), "hour", TimeZoneInfo.Utc);
        var rolled = await ScanStats.ComputeAsync(db, new StatsScope(id, null), q, StatsPath.RollUp, CancellationToken.None);
        var raw = await ScanStats.ComputeAsync(db, new StatsScope(id, null), q, StatsPath.Raw, CancellationToken.None);
        Assert.Equal(3, rolled.Totals.Scans);
        Assert.Equal(JsonSerializer.Serialize(raw), JsonSerializer.Serialize(rolled));
    }

    [Fact]
    public async Task DeletingALink_RemovesItsRollUps_TenantStatsStillAnswerAsTheRawScans()
    {
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/links/{_a}")).StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        Assert.False(await db.ScanRollups.AnyAsync(r => r.LinkId == _a));
        Assert.False(await db.VisitorRollups.AnyAsync(r => r.LinkId == _a));
        Assert.False(await db.VisitorLastSeen.AnyAsync(r => r.LinkId == _a));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var q = new StatsQuery(ScanStats.ToUtc(new DateTime(2026, 10, 21), zone), ScanStats.ToUtc(new DateTime(2026, 11, 2), zone), "day", zone);
        var raw = await ScanStats.ComputeAsync(db, new StatsScope(null, null), q, StatsPath.Raw, CancellationToken.None);
        var rolled = await ScanStats.ComputeAsync(db, new StatsScope(null, null), q, StatsPath.RollUp, CancellationToken.None);
        Assert.True(raw.Totals.Scans > 0);
        Assert.Equal(JsonSerializer.Serialize(raw), JsonSerializer.Serialize(rolled));
    }

    private static DateTime ScanRollupsQuarter(DateTime utc) => ScanRollups.QuarterOf(utc);

    private static string? Pick(Random random, params string?[] values) => values[random.Next(values.Length)];
}

public sealed class SqliteStatsRollupTests() : StatsRollupTests(Database.Sqlite);

public sealed class PostgresStatsRollupTests() : StatsRollupTests(Database.Postgres);
