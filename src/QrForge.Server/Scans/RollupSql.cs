using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace QrForge.Server.Scans;

/// <summary>
/// The hand-written SQL of the roll-ups (<see cref="VisitorRollups"/>, the back-fills of <see cref="ScanRollups"/>) in
/// each provider's dialect, chosen once by the caller (the scan writer's PostgreSQL or SQLite path, a migration) instead
/// of a flag threaded through every signature. Both dialects store the same rows; the tests run each on its own database.
/// </summary>
internal abstract class RollupSql
{
    public static readonly RollupSql Postgres = new PostgresRollupSql();

    public static readonly RollupSql Sqlite = new SqliteRollupSql();

    /// <summary><c>occurred_at</c> floored to its quarter hour, as the provider stores times.</summary>
    public abstract string Quarter { get; }

    /// <summary>A predicate: the scan is not a bot's.</summary>
    public abstract string Human { get; }

    /// <summary>The "never seen before" time (<see cref="VisitorRollups.NoPrevious"/>) as a literal.</summary>
    public abstract string Epoch { get; }

    /// <summary>Sets <paramref name="command"/> to read (link, visitor hash, last quarter) of the given visitors.</summary>
    public abstract void SelectLastSeen(DbCommand command, IReadOnlyList<(Guid Scope, string Hash)> keys);

    /// <summary>Reads a uuid column as the provider returns it.</summary>
    public abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    /// <summary>
    /// <c>INSERT … SELECT</c> of <paramref name="rows"/> (one value per column, typed by <paramref name="types"/>)
    /// followed by the <paramref name="upsert"/> clause, in the caller's transaction.
    /// </summary>
    public abstract Task UpsertAsync(DbConnection connection, DbTransaction transaction, string insert, string upsert, List<object[]> rows, NpgsqlDbType[] types);

    // One array per column, read by unnest.
    private sealed class PostgresRollupSql : RollupSql
    {
        public override string Quarter => "date_bin(interval '15 minutes', occurred_at, timestamptz '2000-01-01 00:00:00+00')";

        public override string Human => "NOT is_bot";

        public override string Epoch => "timestamptz '1970-01-01 00:00:00+00'";

        public override void SelectLastSeen(DbCommand command, IReadOnlyList<(Guid Scope, string Hash)> keys)
        {
            command.CommandText = "SELECT v.link_id, v.visitor_hash, v.last_start FROM unnest(@scopes, @hashes) AS k(s, h) " +
                                  "JOIN visitor_last_seen v ON v.link_id = k.s AND v.visitor_hash = k.h";
            command.Parameters.Add(new NpgsqlParameter("scopes", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = keys.Select(k => k.Scope).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = keys.Select(k => k.Hash).ToArray() });
        }

        public override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

        public override async Task UpsertAsync(DbConnection connection, DbTransaction transaction, string insert, string upsert, List<object[]> rows, NpgsqlDbType[] types)
        {
            if (rows.Count == 0)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = insert + "SELECT * FROM unnest(" + string.Join(", ", types.Select((_, i) => $"@c{i}")) + ") " + upsert;
            for (var i = 0; i < types.Length; i++)
            {
                var column = i;
                command.Parameters.Add(new NpgsqlParameter($"c{i}", NpgsqlDbType.Array | types[i])
                {
                    Value = types[i] switch
                    {
                        NpgsqlDbType.Uuid => rows.Select(r => (Guid)r[column]).ToArray(),
                        NpgsqlDbType.TimestampTz => rows.Select(r => (DateTime)r[column]).ToArray(),
                        NpgsqlDbType.Bigint => rows.Select(r => (long)r[column]).ToArray(),
                        _ => (object)rows.Select(r => (string)r[column]).ToArray(),
                    },
                });
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    // One JSON text parameter of rows, read by json_each: SQLite looks bound parameters up by name, so thousands of
    // named parameters would cost time quadratic in the batch size.
    private sealed class SqliteRollupSql : RollupSql
    {
        private const int RowsPerStatement = 256;

        public override string Quarter => "substr(occurred_at, 1, 14) || printf('%02d', CAST(substr(occurred_at, 15, 2) AS INTEGER) / 15 * 15) || ':00'";

        public override string Human => "is_bot = 0";

        public override string Epoch => "'1970-01-01 00:00:00'";

        public override void SelectLastSeen(DbCommand command, IReadOnlyList<(Guid Scope, string Hash)> keys)
        {
            command.CommandText = "SELECT v.link_id, v.visitor_hash, v.last_start FROM json_each(@keys) k JOIN visitor_last_seen v " +
                                  "ON v.link_id = json_extract(k.value, '$[0]') AND v.visitor_hash = json_extract(k.value, '$[1]')";
            AddJson(command, "keys", keys.Select(k => new object[] { SqliteValues.Guid(k.Scope), k.Hash }));
        }

        public override Guid ReadGuid(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

        // WHERE TRUE tells the upsert's ON CONFLICT from a join's ON; SQLite names the conflicting row's columns bare.
        public override async Task UpsertAsync(DbConnection connection, DbTransaction transaction, string insert, string upsert, List<object[]> rows, NpgsqlDbType[] types)
        {
            if (rows.Count == 0)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = insert + "SELECT " + string.Join(", ", types.Select((_, i) => $"json_extract(value, '$[{i}]')")) +
                                  " FROM json_each(@rows) WHERE TRUE " + upsert.Replace("visitor_rollups.count", "count", StringComparison.Ordinal);
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                command.Parameters.Clear();
                AddJson(command, "rows", rows.Skip(start).Take(RowsPerStatement).Select(r => r.Select(v => v switch
                {
                    Guid g => SqliteValues.Guid(g),
                    DateTime t => SqliteValues.Time(t),
                    _ => v,
                }).ToArray()));
                await command.ExecuteNonQueryAsync();
            }
        }

        private static void AddJson(DbCommand command, string name, IEnumerable<object[]> rows) =>
            command.Parameters.Add(new SqliteParameter(name, SqliteType.Text) { Value = JsonSerializer.Serialize(rows) });
    }
}
