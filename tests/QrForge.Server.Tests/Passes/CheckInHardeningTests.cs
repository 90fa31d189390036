using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QrForge.Server.Identity;
using QrForge.Server.Passes;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QrForge.Server.Tests.Passes;

/// <summary>
/// Issue 12, faults 5 and 7: a bad scan among many concurrent ones fails alone and every answer matches what was
/// stored; a retried offline upload of 10,000 scans writes nothing and logs nothing worse than debug.
/// </summary>
public abstract class CheckInHardeningTests(PassHostFixture host, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly QrForgeFactory _factory = host.Factory;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8] + ":";
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

    private string Scan(string token, string direction, string nonce, string? scannedAt = null) =>
        JsonSerializer.Serialize(new { token, checkpoint = "gate-a", direction, nonce = _prefix + nonce, scanned_at = scannedAt });

    [Fact]
    public async Task CheckIn_BadScansAmongManyConcurrentScanners_FailAloneAndEveryAnswerMatchesTheStore()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var passes = new List<(Guid Id, string Token)>();
        for (var i = 0; i < 12; i++)
        {
            var pass = await PassSeed.PassAsync(_operator, eventId, await PassSeed.SubjectAsync(_operator));
            passes.Add((Guid.Parse((string)pass["id"]!), (string)pass["token"]!));
        }

        var writer = _factory.Services.GetRequiredService<CheckInWriter>();
        var answers = new ConcurrentBag<(Guid CheckInId, string Result)>();
        using var start = new SemaphoreSlim(0);
        // 40 scanners, 12 scans each, all at once: a few batches of the writer hold good and bad scans together.
        var good = Enumerable.Range(0, 40).Select(async scanner =>
        {
            await start.WaitAsync();
            for (var k = 0; k < 12; k++)
            {
                var n = scanner * 12 + k;
                var (_, token) = passes[n % passes.Count];
                using var response = await _scanner.PostAsync("/api/v1/checkins", Json.Body(Scan(token, (scanner + k) % 3 == 0 ? "out" : "in", $"good-{n}")));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await Json.ReadAsync(response);
                answers.Add((Guid.Parse((string)body["checkin_id"]!), (string)body["result"]!));
            }
        });
        var badOverHttp = Enumerable.Range(0, 10).Select(async n =>
        {
            await start.WaitAsync();
            using var response = await _scanner.PostAsync("/api/v1/checkins", Json.Body(Scan(passes[n].Token, "in", $"nul-{n}\u0000x")));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await Json.ReadAsync(response))["errors"]!["nonce"]);
        });

        // Straight to the writer, past validation: a NUL nonce, and a checkpoint longer than its column (PostgreSQL
        // refuses it inside the batch; SQLite stores it, and then its answer must match the store like any other).
        var badRows = new ConcurrentBag<(CheckIn Row, bool Stored)>();
        var badDirect = Enumerable.Range(0, 20).Select(async n =>
        {
            await start.WaitAsync();
            var row = new CheckIn
            {
                Id = Guid.CreateVersion7(),
                TenantId = TenantContext.DefaultTenantId,
                Nonce = n % 2 == 0 ? $"{_prefix}bad-{n}\0" : $"{_prefix}bad-{n}",
                PassId = passes[n % passes.Count].Id,
                Checkpoint = n % 2 == 0 ? "gate-a" : new string('g', 200),
                Direction = CheckInDirection.In,
                ScannedAt = _factory.Clock.GetUtcNow().UtcDateTime,
                RecordedAt = _factory.Clock.GetUtcNow().UtcDateTime,
                Result = CheckInResult.Ok,
            };
            try
            {
                var (stored, _) = await writer.WriteAsync(row, CancellationToken.None);
                badRows.Add((stored, true));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                badRows.Add((row, false));
            }
        });

        var all = good.Concat(badOverHttp).Concat(badDirect).ToList();
        start.Release(all.Count);
        await Task.WhenAll(all);

        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var stored = await db.CheckIns.IgnoreQueryFilters().AsNoTracking().Where(c => c.Nonce.StartsWith(_prefix)).ToListAsync();
        var byId = stored.ToDictionary(c => c.Id);
        Assert.Equal(480, answers.Count);
        foreach (var (id, result) in answers)
        {
            Assert.True(byId.TryGetValue(id, out var row), $"check-in {id} was answered but not stored");
            Assert.Equal(result, Wire(row!.Result));
        }

        Assert.All(badRows.Where(b => b.Row.Nonce.Contains('\0', StringComparison.Ordinal)), b => Assert.False(b.Stored));
        Assert.All(badRows.Where(b => b.Stored), b => Assert.Equal(b.Row.Result, byId[b.Row.Id].Result));
        Assert.Equal(480 + badRows.Count(b => b.Stored), stored.Count);

        // The movements agree with the passes: per pass, ok-ins minus ok-outs is 0 or 1 and says whether it is inside.
        foreach (var (passId, _) in passes)
        {
            var moves = stored.Where(c => c.PassId == passId && c.Result == CheckInResult.Ok).ToList();
            var inside = moves.Count(c => c.Direction == CheckInDirection.In) - moves.Count(c => c.Direction == CheckInDirection.Out);
            var pass = await db.Passes.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == passId);
            Assert.Equal(pass.IsInside ? 1 : 0, inside);
        }
    }

    [Fact]
    public async Task OfflineUpload_RetriedTenThousandScans_WritesNothingAndLogsNoWarnings()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var (passId, token) = (Guid.Parse((string)pass["id"]!), (string)pass["token"]!);
        var at = _factory.Clock.GetUtcNow().AddMinutes(-60);
        const int count = 10_000;

        // The first upload, as it was stored: one row per scan.
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            for (var i = 0; i < count; i++)
            {
                db.CheckIns.Add(new CheckIn
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = TenantContext.DefaultTenantId,
                    Nonce = $"{_prefix}u-{i}",
                    PassId = passId,
                    Checkpoint = "gate-a",
                    Direction = i % 2 == 0 ? CheckInDirection.In : CheckInDirection.Out,
                    ScannedAt = at.AddMilliseconds(i).UtcDateTime,
                    RecordedAt = at.UtcDateTime,
                    Result = CheckInResult.Ok,
                    Offline = true,
                });
            }

            await db.SaveChangesAsync();
        }

        var body = new StringBuilder("""{"scans":[""");
        for (var i = 0; i < count; i++)
        {
            body.Append(i == 0 ? "" : ",").Append(Scan(token, i % 2 == 0 ? "in" : "out", $"u-{i}", at.AddMilliseconds(i).ToString("O")));
        }

        body.Append("]}");
        using var logs = new CapturedLogs(_factory.Services.GetRequiredService<ILoggerFactory>());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var report = await Json.PostAsync(_scanner, "/api/v1/checkins/offline", body.ToString(), HttpStatusCode.OK);
        output.WriteLine($"retried upload of {count} scans: {clock.ElapsedMilliseconds} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU (test process, client included)");

        Assert.Equal(count, (int)report["duplicates"]!);
        Assert.Equal(count, (int)report["ok"]!);
        using var check = _factory.Services.CreateScope();
        Assert.Equal(count, await check.ServiceProvider.GetRequiredService<QrForgeDbContext>().CheckIns.IgnoreQueryFilters().CountAsync(c => c.Nonce.StartsWith(_prefix)));
        Assert.Empty(logs.Entries);
    }

    private static string Wire(CheckInResult result) => result switch
    {
        CheckInResult.Ok => "ok",
        CheckInResult.AlreadyInside => "already_inside",
        CheckInResult.NotInside => "not_inside",
        _ => "refused",
    };

    /// <summary>Records warnings and errors of every category while it is not disposed (but the test server's own).</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private volatile bool _open = true;

        public CapturedLogs(ILoggerFactory factory) => factory.AddProvider(this);

        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() => _open = false;

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => owner._open && logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The in-memory test server cannot apply request size limits and says so on each request: not ours.
                if (IsEnabled(logLevel) && !(category == "Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware" && eventId.Id == 9))
                {
                    owner.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}

public sealed class SqliteCheckInHardeningTests(SqlitePassHost host, ITestOutputHelper output) : CheckInHardeningTests(host, output), IClassFixture<SqlitePassHost>;

public sealed class PostgresCheckInHardeningTests(PostgresPassHost host, ITestOutputHelper output) : CheckInHardeningTests(host, output), IClassFixture<PostgresPassHost>;
