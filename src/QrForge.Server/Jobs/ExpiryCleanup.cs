namespace QrForge.Server.Jobs;

/// <summary>Runs every feature's <see cref="ICleanupStep"/> once, in registration order.</summary>
public sealed class ExpiryCleanup(IEnumerable<ICleanupStep> steps, TimeProvider clock)
{
    /// <summary>Runs each step until it has nothing left; returns how many rows this call removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = 0;
        foreach (var step in steps)
        {
            total += await step.RunAsync(now, ct);
        }

        return total;
    }
}
