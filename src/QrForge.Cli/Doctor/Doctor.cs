using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Cli.Hosting;
using QrForge.Encoding;
using QrForge.Rendering;
using QrForge.Scanning;
using QrForge.Server.Identity;
using QrForge.Server.Operations;
using QrForge.Server.Passes;
using QrForge.Server.Storage;
using StackExchange.Redis;

namespace QrForge.Cli.Doctor;

/// <summary>
/// The checks of <c>qrforge doctor</c>, run in order against the services-only host: database reachable and
/// migrated, Redis (latency, memory, hit rate), an encode → render → decode round trip, cached retrieval cold and
/// warm, a warming sample rate, signing keys, clock skew against the database server, free disk. A check that
/// throws is a failure with the exception's message; checks that need the database are skipped when it is down.
/// Nothing is written to the database; the cache entries it makes expire after a minute.
/// </summary>
internal sealed class Doctor(IServiceProvider services)
{
    /// <summary>A warm cache hit slower than this is a warning (the design target is 5–10 ms end to end).</summary>
    public const double WarmHitBudgetMs = 10;

    /// <summary>Warming slower than this many images a second is a warning.</summary>
    public const double WarmingFloorPerSecond = 100;

    // How long the database or Redis may take to answer; a whole check may take twelve times as long (first use
    // builds the EF Core model and compiles code, which on a busy machine takes seconds).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly HybridCacheEntryOptions Scratch = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    private readonly QrForgeOptions _options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<QrForgeOptions>>().Value;

    public async Task<List<DoctorCheck>> RunAsync(CancellationToken ct)
    {
        var checks = new List<DoctorCheck> { Configuration() };
        var database = await GuardAsync("database", DatabaseAsync, ct);
        checks.Add(database);
        var up = database.Status == CheckStatus.Ok;
        var migrations = up ? await GuardAsync("migrations", MigrationsAsync, ct) : Skipped("migrations");
        checks.Add(migrations);
        var migrated = migrations.Status == CheckStatus.Ok;
        checks.Add(await GuardAsync("redis", RedisAsync, ct));
        checks.Add(await GuardAsync("round_trip", _ => Task.FromResult(RoundTrip()), ct));
        checks.Add(await GuardAsync("cache", CacheAsync, ct));
        checks.Add(await GuardAsync("warming", WarmingAsync, ct));
        checks.Add(migrated ? await GuardAsync("signing_keys", SigningKeysAsync, ct)
            : up ? new DoctorCheck("signing_keys", CheckStatus.Skip, "skipped: the database is not migrated yet") : Skipped("signing_keys"));
        checks.Add(up ? await GuardAsync("clock", ClockAsync, ct) : Skipped("clock"));
        checks.Add(await GuardAsync("disk", _ => Task.FromResult(Disk()), ct));
        return checks;
    }

    private static DoctorCheck Skipped(string name) => new(name, CheckStatus.Skip, "skipped: no database to check");

    private static async Task<DoctorCheck> GuardAsync(string name, Func<CancellationToken, Task<DoctorCheck>> check, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience * 12);
        try
        {
            return await check(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DoctorCheck(name, CheckStatus.Fail, $"no answer within {(Patience * 12).TotalSeconds:0} s");
        }
#pragma warning disable CA1031 // A broken part is the doctor's finding, not its crash.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new DoctorCheck(name, CheckStatus.Fail, Innermost(e));
        }
    }

    private DoctorCheck Configuration()
    {
        var database = _options.Database;
        var redis = string.IsNullOrWhiteSpace(_options.Redis.Configuration) ? "no Redis" : "Redis " + RedactRedis(_options.Redis.Configuration);
        return new DoctorCheck("configuration", CheckStatus.Ok, $"valid ({(database.IsPostgres ? "postgres" : "sqlite")}, {redis})", new Dictionary<string, object?>
        {
            ["database_provider"] = database.IsPostgres ? "postgres" : "sqlite",
            ["redis_configured"] = !string.IsNullOrWhiteSpace(_options.Redis.Configuration),
            ["migrate_on_startup"] = database.MigrateOnStartup,
        });
    }

    private async Task<DoctorCheck> DatabaseAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var where = CliHost.Describe(db);
        _ = db.Model; // built once, before the clock starts: the check times the database, not the model
        if (db.Database.IsSqlite() && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && file != ":memory:" && !File.Exists(file))
        {
            // Opening would create it: the doctor looks, it does not write.
            return new DoctorCheck("database", CheckStatus.Warn, $"the SQLite file does not exist yet (the service or `qrforge db migrate` creates it): {where}", new Dictionary<string, object?> { ["database"] = where });
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience);
        var start = Stopwatch.GetTimestamp();
        bool reachable;
        try
        {
            reachable = await db.Database.CanConnectAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            reachable = false;
        }

        var ms = Ms(start);
        var data = new Dictionary<string, object?> { ["database"] = where, ["connect_ms"] = ms };
        return reachable
            ? new DoctorCheck("database", CheckStatus.Ok, $"reachable in {ms:0.0} ms: {where}", data)
            : new DoctorCheck("database", CheckStatus.Fail, $"not reachable: {where}", data);
    }

    private async Task<DoctorCheck> MigrationsAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        var data = new Dictionary<string, object?> { ["applied"] = applied, ["pending"] = pending };
        if (pending.Count == 0)
        {
            return new DoctorCheck("migrations", CheckStatus.Ok, $"up to date ({applied} applied)", data);
        }

        var list = string.Join(", ", pending);
        return _options.Database.MigrateOnStartup
            ? new DoctorCheck("migrations", CheckStatus.Warn, $"{pending.Count} pending, applied when the service starts (or run `qrforge db migrate`): {list}", data)
            : new DoctorCheck("migrations", CheckStatus.Fail, $"{pending.Count} pending and MigrateOnStartup is off; run `qrforge db migrate`: {list}", data);
    }

    private async Task<DoctorCheck> RedisAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_options.Redis.Configuration))
        {
            return new DoctorCheck("redis", CheckStatus.Skip, "not configured: the in-process cache only (fine for one node)");
        }

        var options = ConfigurationOptions.Parse(_options.Redis.Configuration);
        options.AbortOnConnectFail = true;
        options.AllowAdmin = true; // INFO is an admin command for StackExchange.Redis
        options.ConnectRetry = 0;
        options.ConnectTimeout = (int)Patience.TotalMilliseconds;
        options.SyncTimeout = options.AsyncTimeout = (int)Patience.TotalMilliseconds;
        var where = RedactRedis(_options.Redis.Configuration);
        ConnectionMultiplexer redis;
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException e)
        {
            return new DoctorCheck("redis", CheckStatus.Fail, $"not reachable at {where}: {Innermost(e)}");
        }

        await using (redis)
        {
            var database = redis.GetDatabase();
            var pings = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                ct.ThrowIfCancellationRequested();
                pings.Add((await database.PingAsync()).TotalMilliseconds);
            }

            // A shared-level hit as the cache sees one: GET of a 2 KB value (a small PNG), median of 10.
            var key = $"qrforge:doctor:{Guid.NewGuid():N}";
            await database.StringSetAsync(key, new byte[2048], TimeSpan.FromMinutes(1));
            var gets = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var start = Stopwatch.GetTimestamp();
                _ = await database.StringGetAsync(key);
                gets.Add(Ms(start));
            }

            await database.KeyDeleteAsync(key);
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            var info = (await server.InfoAsync()).SelectMany(g => g).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            var memory = info.GetValueOrDefault("used_memory_human", "?");
            var limit = info.GetValueOrDefault("maxmemory_human", "0B");
            var hits = long.Parse(info.GetValueOrDefault("keyspace_hits", "0"), CultureInfo.InvariantCulture);
            var misses = long.Parse(info.GetValueOrDefault("keyspace_misses", "0"), CultureInfo.InvariantCulture);
            double? hitRate = hits + misses == 0 ? null : (double)hits / (hits + misses);
            var latency = Median(pings);
            var data = new Dictionary<string, object?>
            {
                ["endpoint"] = where,
                ["latency_ms"] = latency,
                ["get_2kb_ms"] = Median(gets),
                ["used_memory"] = memory,
                ["max_memory"] = limit == "0B" ? null : limit,
                ["keyspace_hits"] = hits,
                ["keyspace_misses"] = misses,
                ["hit_rate"] = hitRate,
                ["version"] = info.GetValueOrDefault("redis_version"),
            };
            var detail = $"{where}: ping {latency:0.00} ms, 2 KB GET {Median(gets):0.00} ms, memory {memory}{(limit == "0B" ? "" : " of " + limit)}, hit rate {(hitRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "n/a (no lookups yet)")}";
            var slow = latency > _options.Redis.TimeoutMilliseconds / 2.0 || Median(gets) > WarmHitBudgetMs;
            return new DoctorCheck("redis", slow ? CheckStatus.Warn : CheckStatus.Ok, detail, data);
        }
    }

    private static DoctorCheck RoundTrip()
    {
        var text = $"qrforge doctor {Guid.NewGuid():N}";
        _ = Scanner.Read(PngRenderer.Render(QrCode.EncodeText(text, Ecc.M))); // once untimed: steady-state figures, not JIT
        var start = Stopwatch.GetTimestamp();
        var symbol = QrCode.EncodeText(text, Ecc.M);
        var encodeMs = Ms(start);
        start = Stopwatch.GetTimestamp();
        var png = PngRenderer.Render(symbol);
        var renderMs = Ms(start);
        start = Stopwatch.GetTimestamp();
        var scan = Scanner.Read(png);
        var decodeMs = Ms(start);
        var data = new Dictionary<string, object?> { ["encode_ms"] = encodeMs, ["render_ms"] = renderMs, ["decode_ms"] = decodeMs, ["png_bytes"] = png.Length };
        var read = scan.IsSuccess && scan.Messages.Count > 0 ? scan.Messages[0].Text : null;
        return read == text
            ? new DoctorCheck("round_trip", CheckStatus.Ok, $"encode {encodeMs:0.00} ms → PNG {renderMs:0.00} ms → decode {decodeMs:0.00} ms, text intact", data)
            : new DoctorCheck("round_trip", CheckStatus.Fail, $"the decoder read {(read is null ? $"nothing ({scan.Status})" : $"'{read}'")} instead of '{text}'", data);
    }

    private async Task<DoctorCheck> CacheAsync(CancellationToken ct)
    {
        var cache = services.GetRequiredService<HybridCache>();
        var key = $"doctor:{Guid.NewGuid():N}";
        var start = Stopwatch.GetTimestamp();
        var cold = await cache.GetOrCreateAsync(key, ct => ValueTask.FromResult(PngRenderer.Render(QrCode.EncodeText(key, Ecc.M))), Scratch, cancellationToken: ct);
        var coldMs = Ms(start);
        var warm = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            start = Stopwatch.GetTimestamp();
            var hit = await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult<byte[]>([]), Scratch, cancellationToken: ct);
            warm.Add(Ms(start));
            if (hit.Length != cold.Length)
            {
                return new DoctorCheck("cache", CheckStatus.Fail, "a warm read returned a different entry than was stored");
            }
        }

        var data = new Dictionary<string, object?> { ["cold_ms"] = coldMs, ["warm_ms"] = Median(warm) };
        var detail = $"cold (render and store) {coldMs:0.00} ms, warm (in-process) {Median(warm):0.000} ms";
        return new DoctorCheck("cache", Median(warm) > WarmHitBudgetMs ? CheckStatus.Warn : CheckStatus.Ok, detail, data);
    }

    private async Task<DoctorCheck> WarmingAsync(CancellationToken ct)
    {
        // What warming an event does per pass: encode, render a PNG, store it in the cache (both levels).
        var cache = services.GetRequiredService<HybridCache>();
        var run = Guid.NewGuid().ToString("N");
        var start = Stopwatch.GetTimestamp();
        var count = 0;
        while (count < 200 && Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(2))
        {
            var key = $"doctor:{run}:{count}";
            await cache.SetAsync(key, PngRenderer.Render(QrCode.EncodeText(key, Ecc.M)), Scratch, cancellationToken: ct);
            count++;
        }

        var rate = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        var data = new Dictionary<string, object?> { ["images"] = count, ["per_second"] = rate };
        var detail = $"{rate:0} images/s (encode, PNG, cache; sample of {count})";
        return new DoctorCheck("warming", rate < WarmingFloorPerSecond ? CheckStatus.Warn : CheckStatus.Ok, rate < WarmingFloorPerSecond ? detail + $", under {WarmingFloorPerSecond:0}/s" : detail, data);
    }

    private async Task<DoctorCheck> SigningKeysAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var now = DateTimeOffset.UtcNow;
        var problems = new List<string>();
        var notes = new List<string>();
        var status = CheckStatus.Ok;

        // Data Protection keys encrypt every private key below; they expire (90 days) and are renewed by the service.
        var keyManager = services.GetRequiredService<IKeyManager>();
        var protectionKeys = keyManager.GetAllKeys().Where(k => !k.IsRevoked && k.ActivationDate <= now).ToList();
        var newest = protectionKeys.MaxBy(k => k.ExpirationDate);
        var daysLeft = newest is null ? (double?)null : (newest.ExpirationDate - now).TotalDays;
        if (newest is null)
        {
            status = Worse(status, CheckStatus.Warn);
            problems.Add("no Data Protection key yet (the service makes one when it first needs it)");
        }
        else if (daysLeft <= 0)
        {
            status = Worse(status, CheckStatus.Fail);
            problems.Add($"every Data Protection key expired (newest on {newest.ExpirationDate:yyyy-MM-dd})");
        }
        else if (daysLeft < 7)
        {
            status = Worse(status, CheckStatus.Warn);
            problems.Add($"the Data Protection key expires in {daysLeft:0.0} days (the running service renews it two days before)");
        }
        else
        {
            notes.Add($"Data Protection key valid {daysLeft:0} more days");
        }

        var jwtKeys = await db.Set<JwtKey>().AsNoTracking().Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        if (jwtKeys.Count == 0)
        {
            status = Worse(status, CheckStatus.Warn);
            problems.Add("no access-token key yet (made at the first sign-in)");
        }
        else
        {
            try
            {
                // The newest key must be readable with this key ring, or no node can sign.
                _ = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("QrForge.Identity.JwtKeys.v1").Unprotect(Convert.FromBase64String(jwtKeys[0].ProtectedPrivateKey));
                notes.Add($"{jwtKeys.Count} access-token key(s), newest {(now.UtcDateTime - jwtKeys[0].CreatedAt).TotalDays:0} days old");
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                status = Worse(status, CheckStatus.Fail);
                problems.Add($"access-token key {jwtKeys[0].Id} cannot be decrypted with this Data Protection key ring ({e.Message})");
            }
        }

        var passKeys = await db.Set<SigningKey>().IgnoreQueryFilters().AsNoTracking().Where(k => k.RetiredAt == null && k.RotatedAt == null).CountAsync(ct);
        notes.Add($"{passKeys} active pass key(s)");
        var data = new Dictionary<string, object?>
        {
            ["data_protection_days_left"] = daysLeft,
            ["jwt_keys"] = jwtKeys.Count,
            ["pass_keys_active"] = passKeys,
        };
        return new DoctorCheck("signing_keys", status, string.Join("; ", problems.Concat(notes)), data);
    }

    private async Task<DoctorCheck> ClockAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        if (!db.Database.IsNpgsql())
        {
            return new DoctorCheck("clock", CheckStatus.Skip, "SQLite uses this machine's clock: nothing to compare");
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT now()";
        var before = DateTimeOffset.UtcNow;
        var server = await command.ExecuteScalarAsync(ct);
        var after = DateTimeOffset.UtcNow;
        var serverTime = server switch
        {
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            DateTimeOffset o => o,
            _ => throw new InvalidOperationException($"the database answered {server} to SELECT now()"),
        };
        var local = before + ((after - before) / 2);
        var skew = (serverTime - local).TotalSeconds;
        var data = new Dictionary<string, object?> { ["skew_seconds"] = skew, ["round_trip_ms"] = (after - before).TotalMilliseconds };
        var status = Math.Abs(skew) > 30 ? CheckStatus.Fail : Math.Abs(skew) > 1 ? CheckStatus.Warn : CheckStatus.Ok;
        return new DoctorCheck("clock", status, $"{skew:+0.000;-0.000} s against the database server", data);
    }

    private DoctorCheck Disk()
    {
        var folder = Directory.GetCurrentDirectory();
        if (!_options.Database.IsPostgres)
        {
            var file = new SqliteConnectionStringBuilder(_options.Database.ConnectionString ?? StorageExtensions.DefaultSqliteConnectionString).DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:")
            {
                folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? folder;
            }
        }

        var free = new DriveInfo(folder).AvailableFreeSpace;
        var data = new Dictionary<string, object?> { ["path"] = folder, ["free_bytes"] = free };
        var detail = $"{free / (1024.0 * 1024 * 1024):0.0} GiB free at {folder}";
        var status = free < 100L * 1024 * 1024 ? CheckStatus.Fail : free < 1024L * 1024 * 1024 ? CheckStatus.Warn : CheckStatus.Ok;
        return new DoctorCheck("disk", status, detail, data);
    }

    private static CheckStatus Worse(CheckStatus a, CheckStatus b) => (CheckStatus)Math.Max((int)a, (int)b);

    private static double Ms(long start) => Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null && e is not RedisConnectionException)
        {
            e = e.InnerException;
        }

        return e.Message.ReplaceLineEndings(" ").Trim();
    }

    // host:port of a StackExchange.Redis configuration, without the password.
    private static string RedactRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        return string.Join(",", options.EndPoints.Select(e => e is System.Net.DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : e.ToString()));
    }
}
