using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace QrForge.Server.Scans;

/// <summary>
/// The hand-written SQL of <see cref="ScanStats"/> in each provider's dialect, chosen once per call from the
/// database (<see cref="For"/>) instead of a flag threaded through every signature. Both dialects answer the same
/// questions with the same results; the tests run each on its own database.
/// </summary>
internal abstract class StatsSql
{
    public static readonly StatsSql Postgres = new PostgresStatsSql();

    public static readonly StatsSql Sqlite = new SqliteStatsSql();

    public static StatsSql For(DatabaseFacade database) => database.IsNpgsql() ? Postgres : Sqlite;

    /// <summary>A predicate over a link <c>l</c>: its tags hold <c>@tag</c>.</summary>
    public abstract string HasTag { get; }

    /// <summary>Per bucket (0-based <c>i</c>): scans, QR scans, distinct visitors, for the scans matching <paramref name="where"/>.</summary>
    public abstract string Series(string where, string human);

    /// <summary>Per bucket (0-based <c>i</c>): distinct visitors among the scans matching <paramref name="where"/>.</summary>
    public abstract string UniquePerBucket(string where, string human);

    /// <summary>The bucket bounds as the parameters <see cref="Series"/> and <see cref="UniquePerBucket"/> read.</summary>
    public abstract void AddBounds(DbCommand command, List<(DateTimeOffset Label, DateTime Start, DateTime End)> buckets);

    /// <summary>A parameter holding <paramref name="value"/> as this provider stores it.</summary>
    public void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = Stored(value);
        command.Parameters.Add(parameter);
    }

    protected abstract object Stored(object value);

    private sealed class PostgresStatsSql : StatsSql
    {
        public override string HasTag => "@tag = ANY(l.tags)";

        // DISTINCT in a subquery lets PostgreSQL hash instead of sorting for each COUNT(DISTINCT).
        public override string Series(string where, string human) =>
            "SELECT b.i - 1, count(*), count(*) FILTER (WHERE sc.source = 'qr'), count(DISTINCT sc.visitor_hash) " +
            "FROM unnest(@starts, @ends) WITH ORDINALITY AS b(s, e, i) JOIN scans sc ON sc.occurred_at >= b.s AND sc.occurred_at < b.e " +
            $"WHERE {where} AND {human} GROUP BY b.i";

        public override string UniquePerBucket(string where, string human) =>
            "SELECT i - 1, count(*) FROM (SELECT DISTINCT b.i, sc.visitor_hash " +
            "FROM unnest(@starts, @ends) WITH ORDINALITY AS b(s, e, i) JOIN scans sc ON sc.occurred_at >= b.s AND sc.occurred_at < b.e " +
            $"WHERE {where} AND {human}) AS v GROUP BY i";

        public override void AddBounds(DbCommand command, List<(DateTimeOffset Label, DateTime Start, DateTime End)> buckets)
        {
            Add(command, "starts", buckets.Select(b => b.Start).ToArray());
            Add(command, "ends", buckets.Select(b => b.End).ToArray());
        }

        protected override object Stored(object value) => value;
    }

    private sealed class SqliteStatsSql : StatsSql
    {
        private const string Bounds =
            "WITH b AS (SELECT CAST(key AS INTEGER) AS i, json_extract(value, '$[0]') AS s, json_extract(value, '$[1]') AS e FROM json_each(@bounds)) ";

        public override string HasTag => "EXISTS (SELECT 1 FROM json_each(l.tags) t WHERE t.value = @tag)";

        // CROSS JOIN keeps the buckets as the outer loop: one index range scan per bucket.
        public override string Series(string where, string human) =>
            Bounds +
            "SELECT b.i, COUNT(*), COUNT(CASE WHEN sc.source = 'qr' THEN 1 END), COUNT(DISTINCT sc.visitor_hash) " +
            "FROM b CROSS JOIN scans sc WHERE sc.occurred_at >= b.s AND sc.occurred_at < b.e " +
            $"AND {where} AND {human} GROUP BY b.i";

        public override string UniquePerBucket(string where, string human) =>
            Bounds +
            "SELECT i, COUNT(*) FROM (SELECT DISTINCT b.i, sc.visitor_hash " +
            "FROM b CROSS JOIN scans sc WHERE sc.occurred_at >= b.s AND sc.occurred_at < b.e " +
            $"AND {where} AND {human}) GROUP BY i";

        public override void AddBounds(DbCommand command, List<(DateTimeOffset Label, DateTime Start, DateTime End)> buckets) =>
            Add(command, "bounds", JsonSerializer.Serialize(buckets.Select(b => new[] { SqliteValues.Time(b.Start), SqliteValues.Time(b.End) })));

        protected override object Stored(object value) => value switch
        {
            Guid g => SqliteValues.Guid(g),
            DateTime t => SqliteValues.Time(t),
            _ => value,
        };
    }
}
