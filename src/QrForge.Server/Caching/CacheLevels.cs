namespace QrForge.Server.Caching;

/// <summary>
/// Tells, for one HybridCache lookup, which level answered: the in-process first level (neither the shared
/// level was consulted nor the value made), the shared second level, or neither (the value was made).
/// The caller creates a probe before the lookup; the shared-level wrapper and the factory mark it.
/// </summary>
public sealed class CacheProbe
{
    private static readonly AsyncLocal<CacheProbe?> Ambient = new();

    public bool SecondLevelConsulted { get; private set; }

    public bool Made { get; private set; }

    /// <summary>Starts a probe for the lookup that follows on this async flow.</summary>
    public static CacheProbe Start()
    {
        var probe = new CacheProbe();
        Ambient.Value = probe;
        return probe;
    }

    /// <summary>Called by the shared-level wrapper on every read.</summary>
    public static void MarkSecondLevel()
    {
        if (Ambient.Value is { } probe)
        {
            probe.SecondLevelConsulted = true;
        }
    }

    /// <summary>Called by a factory when it makes the value.</summary>
    public void MarkMade() => Made = true;

    /// <summary>Whether the in-process level answered.</summary>
    public bool FirstLevelHit => !SecondLevelConsulted && !Made;
}
