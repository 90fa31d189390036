using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// Group commit for check-ins: scans that arrive together are applied one after another inside one transaction
/// and committed once, so under load the database syncs its log once per batch instead of once per scan. Each
/// scan keeps its own guarantees: its movement is a conditional UPDATE and its row is inserted behind a savepoint;
/// when the unique (tenant, nonce) index refuses the row, the scan is rolled back to the savepoint (its movement
/// undone) and reported as a retry of the stored one. A caller gets its answer only after the commit. On
/// PostgreSQL four batches are written at once (their scans sorted by pass id, so row locks are always taken in
/// the same order); on SQLite, which has one writer at a time, one.
/// </summary>
public sealed class CheckInWriter(IServiceScopeFactory scopes, IOptions<QrForgeOptions> options) : BackgroundService
{
    private const int MaxBatch = 128;

    // Batches written at once on PostgreSQL; each takes pass rows in id order, so two batches never wait on each
    // other in a cycle. SQLite has one writer at a time anyway: there, one batch at a time.
    private int Writers => options.Value.Database.IsPostgres ? 4 : 1;

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(10_000));

    /// <summary>
    /// Applies <paramref name="row"/> (result <see cref="CheckInResult.Ok"/> to attempt the movement, or already
    /// <see cref="CheckInResult.Refused"/>) and stores it. Returns the stored row: this one, or the earlier row with
    /// the same nonce (then <c>Duplicate</c> is true).
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
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            db.Database.AutoSavepointsEnabled = false; // each scan has its own savepoint already
            batch.Sort((a, b) => (a.Row.PassId ?? Guid.Empty).CompareTo(b.Row.PassId ?? Guid.Empty)); // stable lock order
            var duplicates = new List<Item>();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var row = batch[i].Row;
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
                    }
                    catch (DbUpdateException)
                    {
                        // The nonce is taken (by a committed scan or one earlier in this batch): undo this scan.
                        await transaction.RollbackToSavepointAsync(savepoint);
                        db.ChangeTracker.Clear();
                        duplicates.Add(batch[i]);
                    }
                }

                await transaction.CommitAsync();
            }

            foreach (var item in batch.Except(duplicates))
            {
                item.Done.TrySetResult((item.Row, false));
            }

            foreach (var item in duplicates)
            {
                var first = await db.CheckIns.IgnoreQueryFilters().AsNoTracking()
                    .FirstOrDefaultAsync(c => c.TenantId == item.Row.TenantId && c.Nonce == item.Row.Nonce);
                if (first is null)
                {
                    item.Done.TrySetException(new InvalidOperationException("The check-in could not be stored."));
                }
                else
                {
                    item.Done.TrySetResult((first, true));
                }
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One bad scan must not fail the others: write them one by one.
            foreach (var item in batch)
            {
                item.Row.Result = item.Row.Reason is null ? CheckInResult.Ok : CheckInResult.Refused;
                await WriteBatchAsync([item]);
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

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
}
