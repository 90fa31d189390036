using Microsoft.Extensions.Caching.Distributed;
using QrForge.Server.Operations;

namespace QrForge.Server.Caching;

/// <summary>
/// Wraps the shared (Redis) cache so that its failure makes the service slower, never failing: every call is
/// bounded by a short time-out; after a failure the cache is skipped entirely (no request waits on it) and a
/// background probe tries it again every few seconds, closing the circuit when Redis answers.
/// </summary>
public sealed class ResilientDistributedCache(IDistributedCache inner, TimeSpan timeout, TimeSpan retryAfter, TimeProvider clock, QrForgeMetrics metrics, ILogger<ResilientDistributedCache> logger)
    : IDistributedCache
{
    private long _retryAtTicks; // 0 while healthy; else when the next probe may run
    private int _probing;

    /// <summary>Whether the shared cache is in use (false while it is considered down).</summary>
    public bool IsAvailable => Volatile.Read(ref _retryAtTicks) == 0;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        CacheProbe.MarkSecondLevel();
        if (!Usable())
        {
            metrics.CacheRead("l2", hit: false);
            return null;
        }

        try
        {
            var value = await inner.GetAsync(key, token).WaitAsync(timeout, token);
            metrics.CacheRead("l2", value is not null);
            return value;
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            Trip(e);
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Run(() => inner.SetAsync(key, value, options, token), token);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) => Run(() => inner.RefreshAsync(key, token), token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) => Run(() => inner.RemoveAsync(key, token), token);

    private async Task Run(Func<Task> action, CancellationToken token)
    {
        if (!Usable())
        {
            return;
        }

        try
        {
            await action().WaitAsync(timeout, token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            Trip(e);
        }
    }

    private bool Usable()
    {
        var retryAt = Volatile.Read(ref _retryAtTicks);
        if (retryAt == 0)
        {
            return true;
        }

        if (clock.GetUtcNow().UtcTicks >= retryAt && Interlocked.CompareExchange(ref _probing, 1, 0) == 0)
        {
            _ = ProbeAsync();
        }

        return false;
    }

    /// <summary>
    /// Asks Redis now, whatever the circuit says, and opens or closes the circuit by the answer; run by
    /// <see cref="SharedCacheWatch"/> so that <c>/ready</c> follows Redis on an idle node too.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await inner.GetAsync("qrforge:probe", cancellationToken).WaitAsync(timeout, cancellationToken);
            if (Interlocked.Exchange(ref _retryAtTicks, 0) != 0)
            {
                CacheLog.SharedCacheBack(logger);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Trip(e);
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private async Task ProbeAsync()
    {
        try
        {
            await inner.GetAsync("qrforge:probe").WaitAsync(timeout);
            Volatile.Write(ref _retryAtTicks, 0);
            CacheLog.SharedCacheBack(logger);
        }
        catch (Exception e)
        {
            Volatile.Write(ref _retryAtTicks, clock.GetUtcNow().Add(retryAfter).UtcTicks);
            CacheLog.SharedCacheStillDown(logger, e);
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private void Trip(Exception e)
    {
        metrics.CacheError();
        if (Interlocked.Exchange(ref _retryAtTicks, clock.GetUtcNow().Add(retryAfter).UtcTicks) == 0)
        {
            CacheLog.SharedCacheFailed(logger, e);
        }
    }
}
