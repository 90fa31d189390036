using System.Threading.Channels;
using QrForge.Server.Storage;

namespace QrForge.Server.Codes;

/// <summary>
/// Group commit for new codes: creations that arrive together are inserted in one transaction, so under load
/// the database commits once per batch instead of once per code, while each caller still gets its answer
/// only after its row is committed. A lone creation is written at once (a batch of one).
/// </summary>
public sealed class CodeWriter : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly Channel<(Code Code, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(Code, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    private readonly IServiceScopeFactory _scopes;

    public CodeWriter(IServiceScopeFactory scopes) => _scopes = scopes;

    /// <summary>Inserts <paramref name="code"/>; completes when it is committed, faults when the batch failed.</summary>
    public async Task InsertAsync(Code code, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((code, done), ct);
        await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Code Code, TaskCompletionSource Done)>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is written below.
        }

        // Drain on shutdown so no accepted creation is lost.
        while (reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        if (batch.Count > 0)
        {
            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<(Code Code, TaskCompletionSource Done)> batch)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            foreach (var (code, _) in batch)
            {
                db.Codes.Add(code);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            batch.ForEach(b => b.Done.TrySetResult());
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One bad row must not fail the others: write them one by one.
            foreach (var item in batch)
            {
                await WriteAsync([item]);
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }
}
