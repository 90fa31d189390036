namespace QrForge.Server.Jobs;

/// <summary>
/// One feature's clean-up of its own rows (expired codes, dead refresh tokens, forgotten visitor sightings), added
/// by that feature and run in turn by <see cref="ExpiryCleanup"/>. A step must be safe on several nodes at once:
/// each statement deletes whatever rows are still due, so a row is removed exactly once by whichever node reaches it.
/// </summary>
public interface ICleanupStep
{
    /// <summary>Removes what is due at <paramref name="now"/>; returns how many rows this call removed.</summary>
    Task<int> RunAsync(DateTime now, CancellationToken ct);
}
