namespace QrForge.Server.Caching;

/// <summary>
/// Asks Redis every <c>QrForge:Redis:ProbeSeconds</c> whether it answers, so that the circuit of
/// <see cref="ResilientDistributedCache"/> — and with it <c>/ready</c> — follows Redis on a node without traffic:
/// Degraded within one interval after Redis stops answering, Healthy within one interval after it is back.
/// </summary>
internal sealed class SharedCacheWatch(ResilientDistributedCache cache, TimeSpan interval, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await cache.CheckAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
