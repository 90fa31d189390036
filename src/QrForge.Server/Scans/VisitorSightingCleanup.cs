using Microsoft.EntityFrameworkCore;
using QrForge.Server.Jobs;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>
/// Forgets visitor sightings two days old: a visitor hash lives one day (its salt rotates daily), so such a
/// sighting can never be matched again and the row only costs space.
/// </summary>
public sealed class VisitorSightingCleanup(QrForgeDbContext db) : ICleanupStep
{
    public Task<int> RunAsync(DateTime now, CancellationToken ct)
    {
        var forgottenBefore = now.AddDays(-2);
        return db.Set<VisitorLastSeen>().IgnoreQueryFilters().Where(v => v.LastStart < forgottenBefore).ExecuteDeleteAsync(ct);
    }
}
