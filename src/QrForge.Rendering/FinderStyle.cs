namespace QrForge.Rendering;

/// <summary>Style of the three finder patterns of a QR Code: the 7×7 squares in the symbol's corners (Micro QR always keeps its square one).</summary>
public enum FinderStyle
{
    /// <summary>The standard square rings, drawn as square modules whatever <see cref="RenderOptions.Shape"/> is.</summary>
    Square,

    /// <summary>Rings and centre with rounded corners.</summary>
    Rounded,

    /// <summary>Circular rings and a round centre.</summary>
    Circle,
}
