namespace QrForge.Rendering;

/// <summary>What a vector renderer draws: merged square runs and rounded squares, in layout module coordinates.</summary>
internal interface IShapeSink
{
    /// <summary>A run of <paramref name="length"/> square modules starting at (<paramref name="x"/>, <paramref name="y"/>), one module high.</summary>
    void Run(int x, int y, int length);

    /// <summary>
    /// A square of <paramref name="side"/> modules at (<paramref name="x"/>, <paramref name="y"/>) with corners rounded to
    /// <paramref name="radius"/> (0 = sharp square, side / 2 = circle).
    /// </summary>
    void RoundedSquare(int x, int y, int side, double radius);
}
