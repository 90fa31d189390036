namespace QrForge.Scanning;

/// <summary>
/// Work left for one image, in modules sampled, shared by all its passes (binarisations, row steps, inversion):
/// noise and textures yield many plausible finder triples, and each attempt samples and decodes a grid.
/// </summary>
internal sealed class DetectionBudget(long modules)
{
    private long _remaining = modules;

    /// <summary>Charges one grid of side <paramref name="dimension"/>; false once the budget is spent.</summary>
    public bool TrySpend(int dimension)
    {
        _remaining -= (long)dimension * dimension;
        return _remaining >= 0;
    }
}
