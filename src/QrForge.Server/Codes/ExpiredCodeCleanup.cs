using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Jobs;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Codes;

/// <summary>Removes expired codes of every tenant in batches of <c>QrForge:Cleanup:BatchSize</c>.</summary>
public sealed class ExpiredCodeCleanup(QrForgeDbContext db, IOptions<QrForgeOptions> options, QrForgeMetrics metrics, ILogger<ExpiredCodeCleanup> logger) : ICleanupStep
{
    public async Task<int> RunAsync(DateTime now, CancellationToken ct)
    {
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

        return total;
    }
}
