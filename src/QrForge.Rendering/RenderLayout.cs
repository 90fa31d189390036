using System.Diagnostics.CodeAnalysis;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// The validated geometry every renderer shares: quiet zone, modules per side (quiet zone included), and the size of
/// one module in pixels (raster) or points (vector). Coordinates in this layout count modules from the image's
/// top-left corner, so symbol module (x, y) sits at (x + Border, y + Border).
/// </summary>
internal readonly struct RenderLayout
{
    private RenderLayout(QrCode symbol, RenderOptions options, int border, int scale, double moduleSize)
    {
        Symbol = symbol;
        Border = border;
        Modules = symbol.Size + (2 * border);
        Scale = scale;
        ModuleSize = moduleSize;
        Shape = options.Shape;
        // A Micro QR symbol's single finder is the reader's only anchor; zxing-cpp does not find a rounded one.
        Finder = symbol.IsMicro ? FinderStyle.Square : options.Finder;
    }

    public QrCode Symbol { get; }

    /// <summary>Quiet zone in modules, 0–100.</summary>
    public int Border { get; }

    /// <summary>Modules per side including the quiet zone on both sides.</summary>
    public int Modules { get; }

    /// <summary>Raster: whole pixels per module, 1–1000. Vector: <see cref="ModuleSize"/> rounded down.</summary>
    public int Scale { get; }

    /// <summary>Raster: pixels per side (at most <see cref="RenderOptions.MaxSidePixels"/>).</summary>
    public int Pixels => Modules * Scale;

    /// <summary>Vector: points (SVG: user units) per module; may be fractional when a size in millimetres was asked.</summary>
    public double ModuleSize { get; }

    /// <summary>Vector: points per side.</summary>
    public double Side => Modules * ModuleSize;

    public ModuleShape Shape { get; }

    /// <summary>The finder style drawn: always <see cref="FinderStyle.Square"/> for Micro QR.</summary>
    public FinderStyle Finder { get; }

    /// <summary>True when every dark module is a square (the fast path: merged runs, identical pixel rows).</summary>
    public bool AllSquare => Shape == ModuleShape.Square && Finder == FinderStyle.Square;

    /// <summary>Validates the options and lays out raster output (whole pixels per module).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range or the image would be too large.</exception>
    public static RenderLayout ForRaster(QrCode symbol, RenderOptions options)
    {
        var border = Validate(symbol, options);
        var modules = symbol.Size + (2 * border);
        int scale;
        if (options.SizePixels is int pixels)
        {
            scale = Math.Max(1, pixels / modules);
        }
        else if (options.SizeMillimetres is double mm)
        {
            var target = mm / 25.4 * options.Dpi;
            if (target > RenderOptions.MaxSidePixels)
            {
                ThrowTooLarge(nameof(RenderOptions.SizeMillimetres), mm, target, "pixels", "Lower SizeMillimetres or Dpi.");
            }

            scale = Math.Max(1, (int)(target / modules));
        }
        else
        {
            scale = options.Scale;
        }

        if ((long)modules * scale > RenderOptions.MaxSidePixels)
        {
            ThrowTooLarge(nameof(RenderOptions.Scale), scale, (long)modules * scale, "pixels", "Lower Scale or Border.");
        }

        return new RenderLayout(symbol, options, border, scale, scale);
    }

    /// <summary>Validates the options and lays out vector output (points per module; exact when in millimetres).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range or the page would be too large.</exception>
    public static RenderLayout ForVector(QrCode symbol, RenderOptions options)
    {
        var border = Validate(symbol, options);
        var modules = symbol.Size + (2 * border);
        if (options.SizeMillimetres is double mm)
        {
            var points = mm / 25.4 * 72;
            if (points > RenderOptions.MaxSidePixels)
            {
                ThrowTooLarge(nameof(RenderOptions.SizeMillimetres), mm, points, "points", "Lower SizeMillimetres.");
            }

            var moduleSize = points / modules;
            return new RenderLayout(symbol, options, border, Math.Max(1, (int)moduleSize), moduleSize);
        }

        var scale = options.SizePixels is int pixels ? Math.Max(1, pixels / modules) : options.Scale;
        if ((long)modules * scale > RenderOptions.MaxSidePixels)
        {
            ThrowTooLarge(nameof(RenderOptions.Scale), scale, (long)modules * scale, "points", "Lower Scale or Border.");
        }

        return new RenderLayout(symbol, options, border, scale, scale);
    }

    /// <summary>Checks every option's range and returns the quiet zone in modules.</summary>
    private static int Validate(QrCode symbol, RenderOptions options)
    {
        if (options.Scale is < 1 or > 1000)
        {
            ThrowRange(nameof(RenderOptions.Scale), options.Scale, "Scale must be 1–1000 pixels (or points) per module.");
        }

        if (options.SizePixels is int pixels && pixels is < 1 or > RenderOptions.MaxSidePixels)
        {
            ThrowRange(nameof(RenderOptions.SizePixels), pixels, "SizePixels must be 1–20000.");
        }

        if (options.SizeMillimetres is double mm && !(mm > 0 && double.IsFinite(mm)))
        {
            ThrowRange(nameof(RenderOptions.SizeMillimetres), mm, "SizeMillimetres must be a finite number greater than 0.");
        }

        if (options.SizePixels is not null && options.SizeMillimetres is not null)
        {
            ThrowRange(nameof(RenderOptions.SizeMillimetres), options.SizeMillimetres, "Set SizePixels or SizeMillimetres, not both.");
        }

        if (options.Dpi is < 1 or > 100_000)
        {
            ThrowRange(nameof(RenderOptions.Dpi), options.Dpi, "Dpi must be 1–100000.");
        }

        if (options.Border is int b && b is < 0 or > 100)
        {
            ThrowRange(nameof(RenderOptions.Border), b, "Border must be 0–100 modules.");
        }

        if (!Enum.IsDefined(options.Shape))
        {
            ThrowRange(nameof(RenderOptions.Shape), options.Shape, "Shape must be Square, Circle or Rounded.");
        }

        if (!Enum.IsDefined(options.Finder))
        {
            ThrowRange(nameof(RenderOptions.Finder), options.Finder, "Finder must be Square, Rounded or Circle.");
        }

        return options.Border ?? (symbol.IsMicro ? 2 : 4);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming an options property (kept out of the callers' bodies).</summary>
    [DoesNotReturn]
    public static void ThrowRange(string name, object? value, string message) =>
        throw new ArgumentOutOfRangeException(name, value, message);

    [DoesNotReturn]
    private static void ThrowTooLarge(string name, object value, double side, string unit, string advice) =>
        throw new ArgumentOutOfRangeException(name, value, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The image would be {Math.Ceiling(side)} {unit} per side; the limit is {RenderOptions.MaxSidePixels}. {advice}"));
}
