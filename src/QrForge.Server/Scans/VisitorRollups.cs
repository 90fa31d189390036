using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace QrForge.Server.Scans;

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
