using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace QrForge.Server.Scans;

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
    public static string BackfillSql(RollupSql sql)
    {
        var (quarter, human) = (sql.Quarter, sql.Human);
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
