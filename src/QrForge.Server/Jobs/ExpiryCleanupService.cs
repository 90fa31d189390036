using Microsoft.Extensions.Options;
using QrForge.Server.Operations;

namespace QrForge.Server.Jobs;

/// <summary>Runs <see cref="ExpiryCleanup"/> every <c>QrForge:Cleanup:Interval</c> (hourly by default).</summary>
public sealed class ExpiryCleanupService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<QrForgeOptions> options, ILogger<ExpiryCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Cleanup;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ExpiryCleanup>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                JobLog.CleanupFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
