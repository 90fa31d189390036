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
    public static async Task AddAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, List<Scan> batch, RollupSql sql)
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
            sql.SelectLastSeen(command, keys);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                last[(sql.ReadGuid(reader, 0), reader.GetString(1))] = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
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
        await sql.UpsertAsync(connection, transaction,
            "INSERT INTO visitor_rollups (link_id, bucket_start, previous_start, tenant_id, count) ",
            "ON CONFLICT (link_id, bucket_start, previous_start) DO UPDATE SET count = visitor_rollups.count + excluded.count",
            counts.Select(c => new object[] { c.Key.Scope, c.Key.Quarter, c.Key.Previous, c.Value.Tenant, c.Value.Count }).ToList(),
            [NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint]);
        await sql.UpsertAsync(connection, transaction,
            "INSERT INTO visitor_last_seen (link_id, visitor_hash, tenant_id, last_start) ",
            "ON CONFLICT (link_id, visitor_hash) DO UPDATE SET last_start = excluded.last_start",
            newLast.Select(l => new object[] { l.Scope, l.Hash, l.Tenant, l.Last }).ToList(),
            [NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz]);
    }

    /// <summary>
    /// Rebuilds both tables from the scans already stored (the migration, and the benchmark after seeding): the
    /// distinct (link, visitor, quarter hour) presences with the previous one by a window function.
    /// </summary>
    public static string BackfillSql(RollupSql sql)
    {
        var (quarter, human, none) = (sql.Quarter, sql.Human, sql.Epoch);
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
