using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using NpgsqlTypes;
using QrForge.Server.Storage;

namespace QrForge.Server.Links;

/// <summary>
/// How many scans of one link fell in one quarter hour (UTC) with one value of one dimension: the roll-up that
/// stats read instead of the raw scans. One row per (link, dimension, quarter, value); a scan adds one to
/// <c>scan/{source}</c> (or <c>bot/</c> for a bot) and, when human, one to each of its non-null
/// <c>device</c>, <c>os</c>, <c>browser</c>, <c>referrer</c> and <c>country</c> values. Quarter hours make every
/// bucket of every current time zone (offsets are whole quarter hours: +05:30, +05:45, +12:45) an exact sum.
/// Maintained by <see cref="ScanWriter"/> in the same transaction as the scans; never written elsewhere.
/// </summary>
public sealed class ScanRollup : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid LinkId { get; set; }

    /// <summary>One of <see cref="ScanRollups.Dimensions"/>, or <c>scan</c> / <c>bot</c>.</summary>
    public string Dimension { get; set; } = "";

    /// <summary>UTC start of the quarter hour.</summary>
    public DateTime BucketStart { get; set; }

    /// <summary>The dimension's value (the source for <c>scan</c>, empty for <c>bot</c>).</summary>
    public string Value { get; set; } = "";

    public long Count { get; set; }
}

internal sealed class ScanRollupConfiguration : IEntityTypeConfiguration<ScanRollup>
{
    public void Configure(EntityTypeBuilder<ScanRollup> builder)
    {
        builder.ToTable("scan_rollups");

        // The upsert's conflict target; also serves a link's range reads (dimension, then time).
        builder.HasKey(r => new { r.LinkId, r.Dimension, r.BucketStart, r.Value });
        builder.Property(r => r.TenantId).HasColumnName("tenant_id");
        builder.Property(r => r.LinkId).HasColumnName("link_id");
        builder.Property(r => r.Dimension).HasColumnName("dimension").HasMaxLength(16);
        builder.Property(r => r.BucketStart).HasColumnName("bucket_start");
        builder.Property(r => r.Value).HasColumnName("value").HasMaxLength(255);
        builder.Property(r => r.Count).HasColumnName("count");

        // Tenant-wide stats read all links of a tenant over a range.
        builder.HasIndex(r => new { r.TenantId, r.Dimension, r.BucketStart });
    }
}

/// <summary>Building and writing <see cref="ScanRollup"/> rows.</summary>
internal static class ScanRollups
{
    /// <summary>The width of a roll-up bucket.</summary>
    public static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    /// <summary>The top-list dimensions, as stored in <c>dimension</c>.</summary>
    public static readonly string[] Dimensions = ["device", "os", "browser", "referrer", "country"];

    public const string ScanDimension = "scan";

    public const string BotDimension = "bot";

    public static DateTime QuarterOf(DateTime utc) => new(utc.Ticks - (utc.Ticks % Quarter.Ticks), DateTimeKind.Utc);

    public static bool IsQuarter(DateTime utc) => utc.Ticks % Quarter.Ticks == 0;

    /// <summary>The batch's roll-up increments, sorted by key so concurrent writers lock rows in one order.</summary>
    public static List<ScanRollup> Of(List<Scan> batch)
    {
        var counts = new Dictionary<(Guid, string, DateTime, string), ScanRollup>();
        void Add(Scan s, DateTime quarter, string dimension, string? value)
        {
            if (value is null)
            {
                return;
            }

            ref var row = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, (s.LinkId, dimension, quarter, value), out _);
            row ??= new ScanRollup { TenantId = s.TenantId, LinkId = s.LinkId, Dimension = dimension, BucketStart = quarter, Value = value };
            row.Count++;
        }

        foreach (var s in batch)
        {
            var quarter = QuarterOf(s.OccurredAt);
            if (s.IsBot)
            {
                Add(s, quarter, BotDimension, "");
                continue;
            }

            Add(s, quarter, ScanDimension, s.Source);
            Add(s, quarter, "device", s.Device);
            Add(s, quarter, "os", s.Os);
            Add(s, quarter, "browser", s.Browser);
            Add(s, quarter, "referrer", s.ReferrerHost);
            Add(s, quarter, "country", s.Country);
        }

        var rows = counts.Values.ToList();
        rows.Sort(static (a, b) =>
        {
            var c = a.LinkId.CompareTo(b.LinkId);
            c = c != 0 ? c : string.CompareOrdinal(a.Dimension, b.Dimension);
            c = c != 0 ? c : a.BucketStart.CompareTo(b.BucketStart);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        return rows;
    }

    private const string PostgresUpsert =
        "INSERT INTO scan_rollups (link_id, dimension, bucket_start, value, tenant_id, count) " +
        "SELECT * FROM unnest(@links, @dimensions, @starts, @values, @tenants, @counts) " +
        "ON CONFLICT (link_id, dimension, bucket_start, value) DO UPDATE SET count = scan_rollups.count + excluded.count";

    /// <summary>Adds the rows' counts on PostgreSQL, inside the caller's transaction.</summary>
    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ScanRollup> rows)
    {
        await using var command = new NpgsqlCommand(PostgresUpsert, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("links", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.LinkId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("dimensions", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = rows.Select(r => r.Dimension).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.BucketStart).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = rows.Select(r => r.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("tenants", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.TenantId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Count).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    // WHERE TRUE: SQLite needs it to tell the upsert's ON CONFLICT from a join's ON.
    private const string SqliteUpsert =
        "INSERT INTO scan_rollups (link_id, dimension, bucket_start, value, tenant_id, count) " +
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), " +
        "json_extract(value, '$[4]'), json_extract(value, '$[5]') FROM json_each(@rows) WHERE TRUE " +
        "ON CONFLICT (link_id, dimension, bucket_start, value) DO UPDATE SET count = count + excluded.count";

    private const int SqliteRowsPerStatement = 256;

    /// <summary>Adds the rows' counts on SQLite, inside the caller's transaction.</summary>
    public static async Task UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, List<ScanRollup> rows, ArrayBufferWriter<byte> buffer)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteUpsert;
        var parameter = command.Parameters.Add("@rows", SqliteType.Text);
        for (var start = 0; start < rows.Count; start += SqliteRowsPerStatement)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var i = start; i < Math.Min(rows.Count, start + SqliteRowsPerStatement); i++)
                {
                    var r = rows[i];
                    json.WriteStartArray();
                    json.WriteStringValue(SqliteValues.Guid(r.LinkId));
                    json.WriteStringValue(r.Dimension);
                    json.WriteStringValue(SqliteValues.Time(r.BucketStart));
                    json.WriteStringValue(r.Value);
                    json.WriteStringValue(SqliteValues.Guid(r.TenantId));
                    json.WriteNumberValue(r.Count);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            parameter.Value = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Rebuilds the roll-ups of scans already stored (used by the migration that adds the table, and by the
    /// stats benchmark after it seeds scans with SQL): a quarter hour is the time with its minutes floored to 0,
    /// 15, 30 or 45 and no seconds, in the text form EF Core's SQLite provider stores.
    /// </summary>
    public static string BackfillSql(bool postgres)
    {
        var quarter = postgres
            ? "date_bin(interval '15 minutes', occurred_at, timestamptz '2000-01-01 00:00:00+00')"
            : "substr(occurred_at, 1, 14) || printf('%02d', CAST(substr(occurred_at, 15, 2) AS INTEGER) / 15 * 15) || ':00'";
        var human = postgres ? "NOT is_bot" : "is_bot = 0";
        string Part(string dimension, string value) =>
            $"SELECT link_id, '{dimension}' AS dimension, {quarter} AS bucket_start, {value} AS value, tenant_id FROM scans WHERE {human} AND {value} IS NOT NULL";
        var parts = new List<string>
        {
            $"SELECT link_id, 'bot' AS dimension, {quarter} AS bucket_start, '' AS value, tenant_id FROM scans WHERE NOT ({human})",
            Part(ScanDimension, "source"), Part("device", "device"), Part("os", "os"), Part("browser", "browser"),
            Part("referrer", "referrer_host"), Part("country", "country"),
        };
        return "DELETE FROM scan_rollups; INSERT INTO scan_rollups (link_id, dimension, bucket_start, value, tenant_id, count) " +
               "SELECT link_id, dimension, bucket_start, value, tenant_id, COUNT(*) FROM (" + string.Join(" UNION ALL ", parts) +
               ") AS x GROUP BY link_id, dimension, bucket_start, value, tenant_id;";
    }
}

/// <summary>
/// The exact distinct-visitor roll-up of a link: per UTC quarter hour q and the quarter hour p in which the same
/// visitor hash was last seen on that link before q (<see cref="VisitorRollups.NoPrevious"/> when never), how many
/// visitors. The distinct visitors of a range [S, E) of quarter hours are then the sum of the rows with
/// S ≤ q &lt; E and p &lt; S: each visitor is counted at its first presence in the range only. Per link only: a
/// tenant-wide version could not forget a deleted link's visitors, and a tag is any set of links.
/// </summary>
public sealed class VisitorRollup : ITenantOwned
{
    public Guid LinkId { get; set; }

    public DateTime BucketStart { get; set; }

    public DateTime PreviousStart { get; set; }

    public Guid TenantId { get; set; }

    public long Count { get; set; }
}

/// <summary>The last quarter hour a visitor hash was seen on a link: what the next presence's previous one is.</summary>
public sealed class VisitorLastSeen : ITenantOwned
{
    public Guid LinkId { get; set; }

    public string VisitorHash { get; set; } = "";

    public Guid TenantId { get; set; }

    public DateTime LastStart { get; set; }
}

internal sealed class VisitorRollupConfiguration : IEntityTypeConfiguration<VisitorRollup>
{
    public void Configure(EntityTypeBuilder<VisitorRollup> builder)
    {
        builder.ToTable("visitor_rollups");
        builder.HasKey(r => new { r.LinkId, r.BucketStart, r.PreviousStart });
        builder.Property(r => r.LinkId).HasColumnName("link_id");
        builder.Property(r => r.BucketStart).HasColumnName("bucket_start");
        builder.Property(r => r.PreviousStart).HasColumnName("previous_start");
        builder.Property(r => r.TenantId).HasColumnName("tenant_id");
        builder.Property(r => r.Count).HasColumnName("count");
    }
}

internal sealed class VisitorLastSeenConfiguration : IEntityTypeConfiguration<VisitorLastSeen>
{
    public void Configure(EntityTypeBuilder<VisitorLastSeen> builder)
    {
        builder.ToTable("visitor_last_seen");
        builder.HasKey(r => new { r.LinkId, r.VisitorHash });
        builder.Property(r => r.LinkId).HasColumnName("link_id");
        builder.Property(r => r.VisitorHash).HasColumnName("visitor_hash").HasMaxLength(32);
        builder.Property(r => r.TenantId).HasColumnName("tenant_id");
        builder.Property(r => r.LastStart).HasColumnName("last_start");
    }
}

/// <summary>Maintains <see cref="VisitorRollup"/> and <see cref="VisitorLastSeen"/> for a batch of scans.</summary>
internal static class VisitorRollups
{
    /// <summary>"Never seen before" (earlier than any scan).</summary>
    public static readonly DateTime NoPrevious = DateTime.UnixEpoch;

    /// <summary>
    /// Adds the batch's human visitors, in the caller's transaction. A presence in a quarter hour at or before the
    /// last one stored for that visitor and link is already counted (the same quarter) or arrived out of time
    /// order across batches (the writer keeps the queue's order, so only scans a few milliseconds apart across a
    /// quarter-hour boundary could): both are skipped.
    /// </summary>
    public static async Task AddAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, List<Scan> batch, bool postgres)
    {
        var presences = new Dictionary<(Guid Scope, string Hash), (Guid Tenant, SortedSet<DateTime> Quarters)>();
        foreach (var s in batch)
        {
            if (s.IsBot)
            {
                continue;
            }

            if (!presences.TryGetValue((s.LinkId, s.VisitorHash), out var entry))
            {
                entry = (s.TenantId, []);
                presences[(s.LinkId, s.VisitorHash)] = entry;
            }

            entry.Quarters.Add(ScanRollups.QuarterOf(s.OccurredAt));
        }

        if (presences.Count == 0)
        {
            return;
        }

        var keys = presences.Keys.ToList();
        var last = new Dictionary<(Guid, string), DateTime>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = postgres
                ? "SELECT v.link_id, v.visitor_hash, v.last_start FROM unnest(@scopes, @hashes) AS k(s, h) JOIN visitor_last_seen v ON v.link_id = k.s AND v.visitor_hash = k.h"
                : "SELECT v.link_id, v.visitor_hash, v.last_start FROM json_each(@keys) k JOIN visitor_last_seen v " +
                  "ON v.link_id = json_extract(k.value, '$[0]') AND v.visitor_hash = json_extract(k.value, '$[1]')";
            if (postgres)
            {
                Add(command, "scopes", keys.Select(k => k.Scope).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                Add(command, "hashes", keys.Select(k => k.Hash).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar);
            }
            else
            {
                AddJson(command, "keys", keys.Select(k => new object[] { SqliteValues.Guid(k.Scope), k.Hash }));
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var scope = postgres ? reader.GetGuid(0) : Guid.Parse(reader.GetString(0));
                last[(scope, reader.GetString(1))] = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
            }
        }

        var counts = new SortedDictionary<(Guid Scope, DateTime Quarter, DateTime Previous), (Guid Tenant, long Count)>();
        var newLast = new List<(Guid Scope, string Hash, Guid Tenant, DateTime Last)>();
        foreach (var ((scope, hash), (tenant, quarters)) in presences)
        {
            var previous = last.TryGetValue((scope, hash), out var stored) ? stored : NoPrevious;
            var floor = previous;
            foreach (var q in quarters)
            {
                if (q <= floor)
                {
                    continue;
                }

                counts[(scope, q, previous)] = (tenant, counts.GetValueOrDefault((scope, q, previous)).Count + 1);
                previous = q;
            }

            if (previous > floor)
            {
                newLast.Add((scope, hash, tenant, previous));
            }
        }

        newLast.Sort((a, b) => a.Scope != b.Scope ? a.Scope.CompareTo(b.Scope) : string.CompareOrdinal(a.Hash, b.Hash));
        await ExecuteAsync(connection, transaction, postgres,
            "INSERT INTO visitor_rollups (link_id, bucket_start, previous_start, tenant_id, count) ",
            "ON CONFLICT (link_id, bucket_start, previous_start) DO UPDATE SET count = visitor_rollups.count + excluded.count",
            counts.Select(c => new object[] { c.Key.Scope, c.Key.Quarter, c.Key.Previous, c.Value.Tenant, c.Value.Count }).ToList(),
            [NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint]);
        await ExecuteAsync(connection, transaction, postgres,
            "INSERT INTO visitor_last_seen (link_id, visitor_hash, tenant_id, last_start) ",
            "ON CONFLICT (link_id, visitor_hash) DO UPDATE SET last_start = excluded.last_start",
            newLast.Select(l => new object[] { l.Scope, l.Hash, l.Tenant, l.Last }).ToList(),
            [NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz]);
    }

    private const int SqliteRowsPerStatement = 256;

    // INSERT … SELECT from unnest of one array per column (PostgreSQL) or json_each of one JSON parameter of rows
    // (SQLite, WHERE TRUE to tell the upsert's ON CONFLICT from a join's ON), then the upsert clause.
    private static async Task ExecuteAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, bool postgres,
        string insert, string upsert, List<object[]> rows, NpgsqlDbType[] types)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (postgres)
        {
            command.CommandText = insert + "SELECT * FROM unnest(" + string.Join(", ", types.Select((_, i) => $"@c{i}")) + ") " + upsert;
            for (var i = 0; i < types.Length; i++)
            {
                var column = i;
                var parameter = new NpgsqlParameter($"c{i}", NpgsqlDbType.Array | types[i]);
                parameter.Value = types[i] switch
                {
                    NpgsqlDbType.Uuid => rows.Select(r => (Guid)r[column]).ToArray(),
                    NpgsqlDbType.TimestampTz => rows.Select(r => (DateTime)r[column]).ToArray(),
                    NpgsqlDbType.Bigint => rows.Select(r => (long)r[column]).ToArray(),
                    _ => (object)rows.Select(r => (string)r[column]).ToArray(),
                };
                command.Parameters.Add(parameter);
            }

            await command.ExecuteNonQueryAsync();
            return;
        }

        command.CommandText = insert + "SELECT " + string.Join(", ", types.Select((_, i) => $"json_extract(value, '$[{i}]')")) +
                              " FROM json_each(@rows) WHERE TRUE " + upsert.Replace("visitor_rollups.count", "count", StringComparison.Ordinal);
        for (var start = 0; start < rows.Count; start += SqliteRowsPerStatement)
        {
            command.Parameters.Clear();
            AddJson(command, "rows", rows.Skip(start).Take(SqliteRowsPerStatement).Select(r => r.Select(v => v switch
            {
                Guid g => SqliteValues.Guid(g),
                DateTime t => SqliteValues.Time(t),
                _ => v,
            }).ToArray()));
            await command.ExecuteNonQueryAsync();
        }
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });

    private static void AddJson(System.Data.Common.DbCommand command, string name, IEnumerable<object[]> rows) =>
        command.Parameters.Add(new SqliteParameter(name, SqliteType.Text) { Value = JsonSerializer.Serialize(rows) });

    /// <summary>
    /// Rebuilds both tables from the scans already stored (the migration, and the benchmark after seeding): the
    /// distinct (link, visitor, quarter hour) presences with the previous one by a window function.
    /// </summary>
    public static string BackfillSql(bool postgres)
    {
        var quarter = postgres
            ? "date_bin(interval '15 minutes', occurred_at, timestamptz '2000-01-01 00:00:00+00')"
            : "substr(occurred_at, 1, 14) || printf('%02d', CAST(substr(occurred_at, 15, 2) AS INTEGER) / 15 * 15) || ':00'";
        var human = postgres ? "NOT is_bot" : "is_bot = 0";
        var none = postgres ? "timestamptz '1970-01-01 00:00:00+00'" : "'1970-01-01 00:00:00'";
        var presences = $"WITH p AS (SELECT DISTINCT link_id, tenant_id, visitor_hash, {quarter} AS q FROM scans WHERE {human}) ";
        return "DELETE FROM visitor_rollups; DELETE FROM visitor_last_seen; " +
               presences + "INSERT INTO visitor_rollups (link_id, bucket_start, previous_start, tenant_id, count) " +
               "SELECT link_id, q, previous, tenant_id, COUNT(*) FROM (SELECT link_id, tenant_id, q, " +
               $"COALESCE(LAG(q) OVER (PARTITION BY link_id, visitor_hash ORDER BY q), {none}) AS previous FROM p) AS x " +
               "GROUP BY link_id, q, previous, tenant_id; " +
               presences + "INSERT INTO visitor_last_seen (link_id, visitor_hash, tenant_id, last_start) " +
               "SELECT link_id, visitor_hash, tenant_id, MAX(q) FROM p GROUP BY link_id, visitor_hash, tenant_id;";
    }
}
