namespace QrForge.Rendering;

/// <summary>How a symbol is drawn. Immutable; share freely between threads.</summary>
/// <remarks>
/// <para>The size comes from exactly one of <see cref="Scale"/> (the default), <see cref="SizePixels"/> or
/// <see cref="SizeMillimetres"/>; setting both of the last two is an error. Raster output always uses a whole number of
/// pixels per module, so the image may be smaller than a requested size; vector output (SVG, PDF, EPS) honours
/// <see cref="SizeMillimetres"/> exactly.</para>
/// <para>Values are checked when a renderer uses them: an out-of-range value throws
/// <see cref="ArgumentOutOfRangeException"/> whose <see cref="ArgumentException.ParamName"/> is the property's name.
/// Output is capped at <see cref="MaxSidePixels"/> pixels (raster) or points (vector) per side.</para>
/// </remarks>
public sealed record RenderOptions
{
    /// <summary>The largest image side, in pixels for raster output and points for vector output: 20,000 (so at most 400 megapixels).</summary>
    public const int MaxSidePixels = 20_000;

    /// <summary>The defaults: 10 px per module, default quiet zone, black on white, square modules.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>Pixels per module for raster output, points (SVG: user units of 1 px) per module for vector output (1–1000). Default 10.</summary>
    public int Scale { get; init; } = 10;

    /// <summary>
    /// Target width of the whole image, quiet zone included, in pixels (1–20,000); overrides <see cref="Scale"/> with the
    /// largest whole scale that fits, at least 1 (so a target smaller than the symbol gives one pixel per module).
    /// Vector output uses the same whole scale in points. Default null (use <see cref="Scale"/>).
    /// </summary>
    public int? SizePixels { get; init; }

    /// <summary>
    /// Target width of the whole image, quiet zone included, in millimetres (greater than 0, finite); overrides
    /// <see cref="Scale"/>. Raster output gets the largest whole number of pixels per module that fits
    /// <c>SizeMillimetres / 25.4 * Dpi</c> pixels (at least 1); PDF and EPS pages and the SVG width are exactly this size.
    /// Default null (use <see cref="Scale"/>).
    /// </summary>
    public double? SizeMillimetres { get; init; }

    /// <summary>Dots per inch (1–100,000) for <see cref="SizeMillimetres"/> and for the PNG's physical-size (pHYs) chunk. Default 300.</summary>
    public int Dpi { get; init; } = 300;

    /// <summary>Quiet zone width in modules (0–100); null (the default) means the standard's minimum: 4 for QR Code, 2 for Micro QR.</summary>
    public int? Border { get; init; }

    /// <summary>Colour of dark modules. Default opaque black.</summary>
    public Rgba Dark { get; init; } = Rgba.Black;

    /// <summary>Colour of light modules and the quiet zone; a fully transparent colour leaves the background unpainted. Default opaque white.</summary>
    public Rgba Light { get; init; } = Rgba.White;

    /// <summary>Shape of each dark module outside the finder patterns. Default <see cref="ModuleShape.Square"/>.</summary>
    public ModuleShape Shape { get; init; }

    /// <summary>
    /// Style of the finder patterns. Default <see cref="FinderStyle.Square"/>. Micro QR symbols always get square finders:
    /// their single finder is the reader's only anchor, and common readers (zxing-cpp) do not find a styled one.
    /// </summary>
    public FinderStyle Finder { get; init; }
}
