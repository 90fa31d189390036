using Microsoft.EntityFrameworkCore;
using QrForge.Server.Jobs;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>
/// Removes refresh tokens a day past their lifetime: they can never be exchanged again, and the day of grace keeps
/// reuse detection for tokens that just ran out.
/// </summary>
public sealed class RefreshTokenCleanup(QrForgeDbContext db) : ICleanupStep
{
    public Task<int> RunAsync(DateTime now, CancellationToken ct)
    {
        var deadBefore = now.AddDays(-1);
        return db.Set<RefreshToken>().Where(t => t.ExpiresAt < deadBefore).ExecuteDeleteAsync(ct);
    }
}
