namespace QrForge.Rendering;

/// <summary>How a symbol is drawn. Immutable; share freely.</summary>
public sealed record RenderOptions
{
    /// <summary>The defaults: 10 px per module, default quiet zone, black on white, square modules.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>Pixels per module for raster output, points per module for vector output (1–1000). Default 10.</summary>
    public int Scale { get; init; } = 10;

    /// <summary>Target width in pixels of the whole image, quiet zone included; overrides <see cref="Scale"/> (the largest whole scale that fits, at least 1).</summary>
    public int? SizePixels { get; init; }

    /// <summary>Target width in millimetres, quiet zone included; with <see cref="Dpi"/> it sets the pixel size (raster) or the page size (PDF, EPS, SVG).</summary>
    public double? SizeMillimetres { get; init; }

    /// <summary>Dots per inch for <see cref="SizeMillimetres"/> and for the PNG's physical-size chunk. Default 300.</summary>
    public int Dpi { get; init; } = 300;

    /// <summary>Quiet zone width in modules; null means the standard's minimum: 4 for QR Code, 2 for Micro QR.</summary>
    public int? Border { get; init; }

    /// <summary>Colour of dark modules. Default opaque black.</summary>
    public Rgba Dark { get; init; } = Rgba.Black;

    /// <summary>Colour of light modules and the quiet zone. Default opaque white.</summary>
    public Rgba Light { get; init; } = Rgba.White;

    /// <summary>Shape of each dark data module. Default square.</summary>
    public ModuleShape Shape { get; init; }

    /// <summary>Style of the finder patterns. Default square.</summary>
    public FinderStyle Finder { get; init; }
}

/// <summary>Shape of a dark module.</summary>
public enum ModuleShape
{
    /// <summary>Squares that merge into solid areas.</summary>
    Square,

    /// <summary>Circles inscribed in each module.</summary>
    Circle,

    /// <summary>Squares with rounded corners.</summary>
    Rounded,
}

/// <summary>Style of the three finder patterns (one for Micro QR).</summary>
public enum FinderStyle
{
    /// <summary>The standard square rings.</summary>
    Square,

    /// <summary>Rings and centre with rounded corners.</summary>
    Rounded,

    /// <summary>Circular rings and a round centre.</summary>
    Circle,
}
