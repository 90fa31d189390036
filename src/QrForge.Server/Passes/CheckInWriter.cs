using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// Group commit for check-ins: scans that arrive together are applied one after another inside one transaction
/// and committed once, so under load the database syncs its log once per batch instead of once per scan. Each
/// scan keeps its own guarantees: its movement is a conditional UPDATE and its row is inserted behind a savepoint.
/// Before the transaction, one query finds the batch's nonces already stored, and a nonce twice in the batch is
/// written once: those scans are answered with the stored row without touching the database again, so a retry
/// costs one indexed look-up and logs nothing. A nonce stored by a concurrent batch meanwhile makes the unique
/// (tenant, nonce) index refuse the row: the scan is rolled back to its savepoint (its movement undone) and
/// answered with the stored one. Any other failure of a scan (a value the database refuses) is rolled back to its
/// savepoint too and fails that scan alone. A caller gets its answer only after the commit, and the answer is what
/// was committed: nothing is re-run after a commit. On PostgreSQL four batches are written at once (their scans
/// sorted by pass id, so row locks are always taken in the same order); on SQLite, which has one writer at a time,
/// one.
/// </summary>
public sealed partial class CheckInWriter(IServiceScopeFactory scopes, IOptions<QrForgeOptions> options, ILogger<CheckInWriter> logger) : BackgroundService
{
    private const int MaxBatch = 128;

    // Batches written at once on PostgreSQL; each takes pass rows in id order, so two batches never wait on each
    // other in a cycle. SQLite has one writer at a time anyway: there, one batch at a time.
    private int Writers => options.Value.Database.IsPostgres ? 4 : 1;

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(10_000));

    /// <summary>
    /// Applies <paramref name="row"/> (result <see cref="CheckInResult.Ok"/> to attempt the movement, or already
    /// <see cref="CheckInResult.Refused"/>) and stores it. Returns the stored row: this one, or the earlier row with
    /// the same nonce (then <c>Duplicate</c> is true). Throws when this scan could not be stored (the others of
    /// its batch are not affected).
    /// </summary>
    public async Task<(CheckIn Row, bool Duplicate)> WriteAsync(CheckIn row, CancellationToken ct)
    {
        var item = new Item(row, new TaskCompletionSource<(CheckIn, bool)>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(item, ct);
        return await item.Done.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteLoopAsync(stoppingToken), CancellationToken.None)));

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Item>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is written below.
        }

        while (reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        if (batch.Count > 0)
        {
            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<Item> batch)
    {
        // A value no database stores (NUL in text) fails its scan before the batch touches the database.
        var valid = new List<Item>(batch.Count);
        foreach (var item in batch)
        {
            if (item.Row.Nonce.Contains('\0', StringComparison.Ordinal) || item.Row.Checkpoint.Contains('\0', StringComparison.Ordinal))
            {
                item.Done.TrySetException(new ArgumentException("A check-in's nonce and checkpoint cannot hold NUL characters."));
            }
            else
            {
                valid.Add(item);
            }
        }

        if (valid.Count == 0)
        {
            return;
        }

        var outcome = new Outcome[valid.Count];
        var failures = new Exception?[valid.Count];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        try
        {
            db.Database.AutoSavepointsEnabled = false; // each scan has its own savepoint already
            valid.Sort((a, b) => (a.Row.PassId ?? Guid.Empty).CompareTo(b.Row.PassId ?? Guid.Empty)); // stable lock order
            var stored = await StoredAsync(db, valid.Select(i => i.Row));
            var first = new HashSet<(Guid, string)>();
            for (var i = 0; i < valid.Count; i++)
            {
                var key = (valid[i].Row.TenantId, valid[i].Row.Nonce);
                outcome[i] = stored.ContainsKey(key) || !first.Add(key) ? Outcome.Duplicate : Outcome.Pending;
            }

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                for (var i = 0; i < valid.Count; i++)
                {
                    if (outcome[i] != Outcome.Pending)
                    {
                        continue;
                    }

                    var row = valid[i].Row;
                    var savepoint = "scan" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await transaction.CreateSavepointAsync(savepoint);
                    try
                    {
                        if (row.Result != CheckInResult.Refused)
                        {
                            row.Result = await MoveAsync(db, row) ? CheckInResult.Ok : row.Direction == CheckInDirection.In ? CheckInResult.AlreadyInside : CheckInResult.NotInside;
                        }

                        db.CheckIns.Add(row);
                        await db.SaveChangesAsync();
                        outcome[i] = Outcome.Written;
                    }
                    catch (Exception e) when (e is DbUpdateException or DbException)
                    {
                        // Undo this scan only; the batch goes on.
                        await transaction.RollbackToSavepointAsync(savepoint);
                        db.ChangeTracker.Clear();
                        row.Result = row.Reason is null ? CheckInResult.Ok : CheckInResult.Refused;
                        if (IsUniqueViolation(e))
                        {
                            outcome[i] = Outcome.Duplicate; // a concurrent batch stored this nonce first
                        }
                        else
                        {
                            outcome[i] = Outcome.Failed;
                            failures[i] = e;
                            Log.ScanFailed(logger, e, row.Nonce.Length, row.Checkpoint);
                        }
                    }
                }

                await transaction.CommitAsync();
            }
        }
        catch (Exception) when (valid.Count > 1)
        {
            // The batch as a whole failed (nobody has an answer yet): write each scan on its own, so that one cause
            // fails one scan. Safe even if the commit went through: a stored nonce is then answered from its row.
            foreach (var item in valid)
            {
                item.Row.Result = item.Row.Reason is null ? CheckInResult.Ok : CheckInResult.Refused;
                await WriteBatchAsync([item]);
            }

            return;
        }
        catch (Exception e)
        {
            foreach (var item in valid)
            {
                item.Done.TrySetException(e);
            }

            return;
        }

        // Committed: answer with what was stored.
        for (var i = 0; i < valid.Count; i++)
        {
            if (outcome[i] == Outcome.Written)
            {
                valid[i].Done.TrySetResult((valid[i].Row, false));
            }
            else if (outcome[i] == Outcome.Failed)
            {
                valid[i].Done.TrySetException(failures[i]!);
            }
        }

        var duplicates = Enumerable.Range(0, valid.Count).Where(i => outcome[i] == Outcome.Duplicate).ToList();
        if (duplicates.Count == 0)
        {
            return;
        }

        try
        {
            var twins = await StoredAsync(db, duplicates.Select(i => valid[i].Row));
            foreach (var i in duplicates)
            {
                var item = valid[i];
                if (twins.TryGetValue((item.Row.TenantId, item.Row.Nonce), out var twin))
                {
                    item.Done.TrySetResult((twin, true));
                }
                else
                {
                    item.Done.TrySetException(new InvalidOperationException("The check-in could not be stored."));
                }
            }
        }
        catch (Exception e)
        {
            foreach (var i in duplicates)
            {
                valid[i].Done.TrySetException(e);
            }
        }
    }

    /// <summary>The stored rows among the (tenant, nonce) pairs of <paramref name="rows"/>: one indexed query.</summary>
    private static async Task<Dictionary<(Guid, string), CheckIn>> StoredAsync(QrForgeDbContext db, IEnumerable<CheckIn> rows)
    {
        var list = rows.ToList();
        var tenants = list.Select(r => r.TenantId).Distinct().ToList();
        var nonces = list.Select(r => r.Nonce).Distinct(StringComparer.Ordinal).ToList();
        var found = await db.CheckIns.IgnoreQueryFilters().AsNoTracking()
            .Where(c => tenants.Contains(c.TenantId) && nonces.Contains(c.Nonce))
            .ToListAsync();
        var byKey = new Dictionary<(Guid, string), CheckIn>();
        foreach (var row in found)
        {
            byKey.TryAdd((row.TenantId, row.Nonce), row);
        }

        return byKey;
    }

    // 23505 is PostgreSQL's unique_violation; SQLite reports SQLITE_CONSTRAINT (19) with the extended code
    // SQLITE_CONSTRAINT_UNIQUE (2067) or, for a primary key, SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    private static bool IsUniqueViolation(Exception e) => (e is DbUpdateException { InnerException: { } inner } ? inner : e) switch
    {
        Npgsql.PostgresException { SqlState: "23505" } => true,
        Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } => true,
        _ => false,
    };

    // in: NOT is_inside -> inside at this checkpoint; out: is_inside -> outside. True when the row changed.
    private static async Task<bool> MoveAsync(QrForgeDbContext db, CheckIn row)
    {
        var (id, tenant, at, checkpoint) = (row.PassId!.Value, row.TenantId, row.ScannedAt, row.Checkpoint);
        var passes = db.Passes.IgnoreQueryFilters().Where(p => p.Id == id && p.TenantId == tenant);
        var changed = row.Direction == CheckInDirection.In
            ? await passes.Where(p => !p.IsInside).ExecuteUpdateAsync(
                u => u.SetProperty(p => p.IsInside, true).SetProperty(p => p.InsideCheckpoint, checkpoint).SetProperty(p => p.LastMovementAt, at))
            : await passes.Where(p => p.IsInside).ExecuteUpdateAsync(
                u => u.SetProperty(p => p.IsInside, false).SetProperty(p => p.InsideCheckpoint, (string?)null).SetProperty(p => p.LastMovementAt, at));
        return changed == 1;
    }

    private sealed record Item(CheckIn Row, TaskCompletionSource<(CheckIn Row, bool Duplicate)> Done);

    private enum Outcome
    {
        Pending,
        Written,
        Duplicate,
        Failed,
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A check-in at {Checkpoint} (nonce of {NonceLength} characters) could not be stored; the other scans of its batch were")]
        public static partial void ScanFailed(ILogger logger, Exception exception, int nonceLength, string checkpoint);
    }
}
