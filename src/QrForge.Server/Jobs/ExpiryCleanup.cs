using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Jobs;

/// <summary>
/// Removes expired codes of every tenant in batches, refresh tokens a day past their expiry, and visitor
/// sightings too old to be matched again. Safe on several nodes at once: each statement deletes
/// whatever expired rows still exist, so a row is removed (and counted) exactly once, by whichever node
/// reaches it first.
/// </summary>
public sealed class ExpiryCleanup(QrForgeDbContext db, TimeProvider clock, IOptions<QrForgeOptions> options, QrForgeMetrics metrics, ILogger<ExpiryCleanup> logger)
{
    /// <summary>Runs until no expired code is left; returns how many this call removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = options.Value.Cleanup.BatchSize;
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            var ids = await db.Codes.IgnoreQueryFilters()
                .Where(c => c.ExpiresAt != null && c.ExpiresAt <= now)
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .Take(batch)
                .ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }

            var removed = await db.Codes.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
            total += removed;
            metrics.CleanupRemoved(removed);
            if (ids.Count < batch)
            {
                break;
            }
        }

        if (total > 0)
        {
            JobLog.CleanupRemoved(logger, total);
        }

        // Refresh tokens past their lifetime can never be exchanged again; a day of grace keeps reuse detection
        // for tokens that just ran out.
        var deadBefore = now.AddDays(-1);
        await db.Set<Identity.RefreshToken>().Where(t => t.ExpiresAt < deadBefore).ExecuteDeleteAsync(ct);

        // A visitor hash lives one day (its salt rotates daily), so a last sighting two days old can never be
        // matched again: the row only costs space.
        var forgottenBefore = now.AddDays(-2);
        await db.Set<Links.VisitorLastSeen>().IgnoreQueryFilters().Where(v => v.LastStart < forgottenBefore).ExecuteDeleteAsync(ct);
        return total;
    }
}

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

public static class JobsExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ExpiryCleanup>();
        services.AddHostedService<ExpiryCleanupService>();
        return services;
    }
}
