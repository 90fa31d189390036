using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>
/// Stats computed in the database, on SQLite and PostgreSQL alike. The time zone is handled by computing the
/// bucket boundaries (local midnight, Monday, first of month, or each hour) as UTC instants here, with the
/// zone's own rules, so a DST day has 23 or 25 hours; the database then counts the scans of each bucket with
/// one range join over the <c>(link_id|tenant_id, occurred_at)</c> index.
/// </summary>
public static class ScanStats
{
    public const int MaxBuckets = 1000;

    public static readonly string[] Intervals = ["hour", "day", "week", "month"];

    private const string Human = "sc.is_bot = FALSE";

    /// <summary>The UTC buckets of <paramref name="q"/>, clipped to its range, with their local labels.</summary>
    public static List<(DateTimeOffset Label, DateTime Start, DateTime End)> Buckets(StatsQuery q)
    {
        var buckets = new List<(DateTimeOffset, DateTime, DateTime)>();
        var zone = q.Zone;
        var localFrom = TimeZoneInfo.ConvertTimeFromUtc(q.From, zone);
        var local = q.Interval switch
        {
            "hour" => new DateTime(localFrom.Year, localFrom.Month, localFrom.Day, localFrom.Hour, 0, 0),
            "week" => localFrom.Date.AddDays(-(((int)localFrom.DayOfWeek + 6) % 7)),
            "month" => new DateTime(localFrom.Year, localFrom.Month, 1),
            _ => localFrom.Date,
        };
        var start = ToUtc(local, zone);
        if (start > q.From)
        {
            // The local hour fell in a gap or overlap; the bucket containing From started an hour earlier.
            start = start.AddHours(-1);
        }

        while (start < q.To && buckets.Count <= MaxBuckets)
        {
            DateTime next;
            if (q.Interval == "hour")
            {
                next = start.AddHours(1);
            }
            else
            {
                local = q.Interval switch { "week" => local.AddDays(7), "month" => local.AddMonths(1), _ => local.AddDays(1) };
                next = ToUtc(local, zone);
            }

            var label = new DateTimeOffset(DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(start, zone), DateTimeKind.Unspecified), zone.GetUtcOffset(start));
            buckets.Add((label, start < q.From ? q.From : start, next > q.To ? q.To : next));
            start = next;
        }

        return buckets;
    }

    /// <summary>The earliest UTC instant of local time <paramref name="local"/> (moved past a DST gap when it does not exist).</summary>
    internal static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>
    /// Computes the stats: from the quarter-hour <see cref="ScanRollup"/> rows when every bucket boundary falls on
    /// a UTC quarter hour (true of every current time zone's local midnights and hours, including +05:30 and
    /// +05:45, when <c>from</c> and <c>to</c> are quarter hours themselves), else from the raw scans. Unique
    /// visitors always come from the raw scans, through the covering indexes (an index-only pass).
    /// </summary>
    public static Task<StatsResponse> ComputeAsync(QrForgeDbContext db, StatsScope scope, StatsQuery q, CancellationToken ct) =>
        ComputeAsync(db, scope, q, CanRollUp(Buckets(q)) ? StatsPath.RollUp : StatsPath.Raw, ct);

    /// <summary>Whether the roll-ups can answer these buckets exactly: every boundary on a UTC quarter hour.</summary>
    internal static bool CanRollUp(List<(DateTimeOffset Label, DateTime Start, DateTime End)> buckets) =>
        buckets.TrueForAll(b => ScanRollups.IsQuarter(b.Start) && ScanRollups.IsQuarter(b.End));

    internal static async Task<StatsResponse> ComputeAsync(QrForgeDbContext db, StatsScope scope, StatsQuery q, StatsPath path, CancellationToken ct)
    {
        var dialect = StatsSql.For(db.Database);
        var where = Where(scope, dialect) + " AND sc.occurred_at >= @from AND sc.occurred_at < @to";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (path == StatsPath.RollUp)
            {
                return await RolledUpAsync(connection, db, scope, q, dialect, where, ct);
            }

            StatsTotals totals;
            await using (var command = Command(connection, db, scope, q, dialect,
                $"SELECT COUNT(CASE WHEN {Human} THEN 1 END), COUNT(CASE WHEN {Human} AND sc.source = 'qr' THEN 1 END), " +
                $"COUNT(DISTINCT CASE WHEN {Human} THEN sc.visitor_hash END), COUNT(CASE WHEN sc.is_bot = TRUE THEN 1 END) FROM scans sc WHERE {where}"))
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                var scans = reader.GetInt64(0);
                var qr = reader.GetInt64(1);
                totals = new StatsTotals(scans, qr, scans - qr, reader.GetInt64(2), reader.GetInt64(3));
            }

            var series = await SeriesAsync(connection, db, scope, q, dialect, ct);
            var tops = new StatsTops(
                await TopAsync(connection, db, scope, q, dialect, where, "device", ct),
                await TopAsync(connection, db, scope, q, dialect, where, "os", ct),
                await TopAsync(connection, db, scope, q, dialect, where, "browser", ct),
                await TopAsync(connection, db, scope, q, dialect, where, "referrer_host", ct),
                await TopAsync(connection, db, scope, q, dialect, where, "country", ct));
            return new StatsResponse(q.From, q.To, q.Interval, q.Zone.Id, totals, series, tops);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Three reads: the scan and bot counts per quarter hour (summed into buckets here), the top lists summed
    // over the range, and the unique visitors (total and per bucket) from the scans' covering index.
    private static async Task<StatsResponse> RolledUpAsync(
        DbConnection connection, QrForgeDbContext db, StatsScope scope, StatsQuery q, StatsSql dialect, string where, CancellationToken ct)
    {
        var buckets = Buckets(q);
        var scans = new long[buckets.Count];
        var qrScans = new long[buckets.Count];
        long bots = 0;
        var rollups = RollupWhere(scope, dialect) + " AND r.bucket_start >= @from AND r.bucket_start < @to";
        await using (var command = Command(connection, db, scope, q, dialect,
            $"SELECT r.dimension, r.bucket_start, r.value, SUM(r.count) FROM scan_rollups r WHERE {rollups} " +
            $"AND r.dimension IN ('{ScanRollups.ScanDimension}', '{ScanRollups.BotDimension}') GROUP BY r.dimension, r.bucket_start, r.value"))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var i = 0;
            while (await reader.ReadAsync(ct))
            {
                var n = reader.GetInt64(3);
                if (reader.GetString(0) == ScanRollups.BotDimension)
                {
                    bots += n;
                    continue;
                }

                // Rows arrive in no promised order: find the bucket, starting from the last one found.
                var start = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
                if (start < buckets[i].Start || start >= buckets[i].End)
                {
                    i = buckets.FindIndex(b => start >= b.Start && start < b.End);
                    if (i < 0)
                    {
                        i = 0;
                        continue;
                    }
                }

                scans[i] += n;
                if (reader.GetString(2) == "qr")
                {
                    qrScans[i] += n;
                }
            }
        }

        var tops = ScanRollups.Dimensions.ToDictionary(d => d, _ => new List<StatsCount>());
        await using (var command = Command(connection, db, scope, q, dialect,
            $"SELECT r.dimension, r.value, SUM(r.count) AS n FROM scan_rollups r WHERE {rollups} " +
            $"AND r.dimension IN ({string.Join(", ", ScanRollups.Dimensions.Select(d => $"'{d}'"))}) " +
            "GROUP BY r.dimension, r.value ORDER BY r.dimension, n DESC, r.value"))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var list = tops[reader.GetString(0)];
                if (list.Count < 10)
                {
                    list.Add(new StatsCount(reader.GetString(1), reader.GetInt64(2)));
                }
            }
        }

        long unique;
        long[] uniques;
        if (scope.LinkId is not null)
        {
            (unique, uniques) = await RolledUpVisitorsAsync(connection, db, scope, q, dialect, buckets, ct);
        }
        else
        {
            // A tag or the tenant: distinct visitors across links are not rolled up (see VisitorRollup); index-only passes.
            await using (var command = Command(connection, db, scope, q, dialect,
                $"SELECT COUNT(*) FROM (SELECT DISTINCT sc.visitor_hash FROM scans sc WHERE {where} AND {Human}) AS v"))
            {
                unique = (long)(await command.ExecuteScalarAsync(ct))!;
            }

            uniques = await UniquePerBucketAsync(connection, db, scope, q, dialect, buckets, ct);
        }

        var series = new List<StatsPoint>(buckets.Count);
        long totalScans = 0, totalQr = 0;
        for (var b = 0; b < buckets.Count; b++)
        {
            series.Add(new StatsPoint(buckets[b].Label, scans[b], qrScans[b], uniques[b]));
            totalScans += scans[b];
            totalQr += qrScans[b];
        }

        var totals = new StatsTotals(totalScans, totalQr, totalScans - totalQr, unique, bots);
        var top = new StatsTops(tops["device"], tops["os"], tops["browser"], tops["referrer"], tops["country"]);
        return new StatsResponse(q.From, q.To, q.Interval, q.Zone.Id, totals, series, top);
    }

    // Each visitor is counted in a bucket (or the range) at its first presence there: the rows whose previous
    // presence in the scope lies before the bucket's (or the range's) start.
    private static async Task<(long Total, long[] PerBucket)> RolledUpVisitorsAsync(
        DbConnection connection, QrForgeDbContext db, StatsScope scope, StatsQuery q, StatsSql dialect,
        List<(DateTimeOffset Label, DateTime Start, DateTime End)> buckets, CancellationToken ct)
    {
        var uniques = new long[buckets.Count];
        long total = 0;
        await using var command = Command(connection, db, scope, q, dialect,
            "SELECT v.bucket_start, v.previous_start, v.count FROM visitor_rollups v " +
            "WHERE v.link_id = @link AND v.tenant_id = @tenant AND v.bucket_start >= @from AND v.bucket_start < @to");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var i = 0;
        while (await reader.ReadAsync(ct))
        {
            var start = DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc);
            var previous = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
            var n = reader.GetInt64(2);
            if (previous < q.From)
            {
                total += n;
            }

            if (start < buckets[i].Start || start >= buckets[i].End)
            {
                i = buckets.FindIndex(b => start >= b.Start && start < b.End);
                if (i < 0)
                {
                    i = 0;
                    continue;
                }
            }

            if (previous < buckets[i].Start)
            {
                uniques[i] += n;
            }
        }

        return (total, uniques);
    }

    private static async Task<long[]> UniquePerBucketAsync(
        DbConnection connection, QrForgeDbContext db, StatsScope scope, StatsQuery q, StatsSql dialect,
        List<(DateTimeOffset Label, DateTime Start, DateTime End)> buckets, CancellationToken ct)
    {
        var uniques = new long[buckets.Count];
        if (buckets.Count == 0)
        {
            return uniques;
        }

        var sql = dialect.UniquePerBucket(Where(scope, dialect), Human);
        await using var command = Command(connection, db, scope, q, dialect, sql);
        dialect.AddBounds(command, buckets);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            uniques[(int)reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return uniques;
    }

    private static async Task<List<StatsPoint>> SeriesAsync(DbConnection connection, QrForgeDbContext db, StatsScope scope, StatsQuery q, StatsSql dialect, CancellationToken ct)
    {
        var buckets = Buckets(q);
        var points = new StatsPoint[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            points[i] = new StatsPoint(buckets[i].Label, 0, 0, 0);
        }

        if (buckets.Count == 0)
        {
            return [];
        }

        var sql = dialect.Series(Where(scope, dialect), Human);
        await using var command = Command(connection, db, scope, q, dialect, sql);
        dialect.AddBounds(command, buckets);

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var i = (int)reader.GetInt64(0);
            points[i] = points[i] with { Scans = reader.GetInt64(1), QrScans = reader.GetInt64(2), UniqueVisitors = reader.GetInt64(3) };
        }

        return [.. points];
    }

    private static async Task<List<StatsCount>> TopAsync(
        DbConnection connection, QrForgeDbContext db, StatsScope scope, StatsQuery q, StatsSql dialect, string where, string column, CancellationToken ct)
    {
        await using var command = Command(connection, db, scope, q, dialect,
            $"SELECT sc.{column}, COUNT(*) AS n FROM scans sc WHERE {where} AND {Human} AND sc.{column} IS NOT NULL " +
            $"GROUP BY sc.{column} ORDER BY n DESC, sc.{column} LIMIT 10");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<StatsCount>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new StatsCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return list;
    }

    // The scans of the scope; always within the caller's tenant (hand-written SQL has no query filter).
    private static string Where(StatsScope scope, StatsSql dialect)
    {
        if (scope.LinkId is not null)
        {
            return "sc.link_id = @link AND sc.tenant_id = @tenant";
        }

        if (scope.Tag is not null)
        {
            return $"sc.tenant_id = @tenant AND sc.link_id IN (SELECT l.id FROM links l WHERE l.tenant_id = @tenant AND {dialect.HasTag})";
        }

        return "sc.tenant_id = @tenant";
    }

    // The same scope over the roll-ups.
    private static string RollupWhere(StatsScope scope, StatsSql dialect) => Where(scope, dialect).Replace("sc.", "r.", StringComparison.Ordinal);

    private static DbCommand Command(DbConnection connection, QrForgeDbContext db, StatsScope scope, StatsQuery q, StatsSql dialect, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 60;
        dialect.Add(command, "tenant", db.TenantId);
        dialect.Add(command, "from", q.From);
        dialect.Add(command, "to", q.To);
        if (scope.LinkId is { } link)
        {
            dialect.Add(command, "link", link);
        }

        if (scope.Tag is { } tag)
        {
            dialect.Add(command, "tag", tag);
        }

        return command;
    }

    /// <summary>The columns of a scan export.</summary>
    public static readonly string[] CsvColumns = ["id", "occurred_at", "source", "device", "os", "browser", "is_bot", "referrer_host", "country", "visitor_hash", "ip"];

    /// <summary>A scan as the cells of one export row, in <see cref="CsvColumns"/> order.</summary>
    public static IReadOnlyList<string?> CsvCells(Scan s) =>
    [
        s.Id.ToString(), s.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), s.Source, s.Device, s.Os, s.Browser,
        s.IsBot ? "true" : "false", s.ReferrerHost, s.Country, s.VisitorHash, s.Ip,
    ];
}
