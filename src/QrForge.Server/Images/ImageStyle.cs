using QrForge.Rendering;

namespace QrForge.Server.Images;

/// <summary>How a code's image looks: stored with the code, and overridable per image request.</summary>
public sealed record ImageStyle
{
    /// <summary>Target image width in pixels, quiet zone included.</summary>
    public int? Size { get; init; }

    /// <summary>Pixels per module.</summary>
    public int? Scale { get; init; }

    /// <summary>Quiet zone in modules.</summary>
    public int? Border { get; init; }

    /// <summary>Dark colour, RRGGBB or RRGGBBAA.</summary>
    public string? Dark { get; init; }

    /// <summary>Light colour, RRGGBB or RRGGBBAA.</summary>
    public string? Light { get; init; }

    /// <summary><c>square</c>, <c>circle</c> or <c>rounded</c>.</summary>
    public string? Shape { get; init; }

    /// <summary>This style with every value <paramref name="overrides"/> sets replacing its own.</summary>
    public ImageStyle With(ImageStyle? overrides) => overrides is null ? this : new ImageStyle
    {
        Size = overrides.Size ?? (overrides.Scale is null ? Size : null),
        Scale = overrides.Scale ?? (overrides.Size is null ? Scale : null),
        Border = overrides.Border ?? Border,
        Dark = overrides.Dark ?? Dark,
        Light = overrides.Light ?? Light,
        Shape = overrides.Shape ?? Shape,
    };

    /// <summary>
    /// Checks every value and adds an error per bad field (named <paramref name="prefix"/> + field), so the
    /// caller can answer one 400 that lists them all.
    /// </summary>
    public void Validate(string prefix, int maxPixels, Dictionary<string, string[]> errors)
    {
        if (Size is { } size && (size < 16 || size > maxPixels))
        {
            errors[prefix + "size"] = [$"size must be 16-{maxPixels} pixels."];
        }

        if (Scale is { } scale && (scale < 1 || scale > 100))
        {
            errors[prefix + "scale"] = ["scale must be 1-100 pixels per module."];
        }

        if (Size is not null && Scale is not null)
        {
            errors[prefix + "scale"] = ["Give size or scale, not both."];
        }

        if (Border is { } border && (border < 0 || border > 20))
        {
            errors[prefix + "border"] = ["border must be 0-20 modules."];
        }

        if (Dark is not null && !Rgba.TryParse(Dark, out _))
        {
            errors[prefix + "dark"] = ["dark must be a colour RRGGBB or RRGGBBAA."];
        }

        if (Light is not null && !Rgba.TryParse(Light, out _))
        {
            errors[prefix + "light"] = ["light must be a colour RRGGBB or RRGGBBAA."];
        }

        if (Shape is not null && ParseShape(Shape) is null)
        {
            errors[prefix + "shape"] = ["shape must be square, circle or rounded."];
        }
    }

    /// <summary>Render options for this style; the style must be valid.</summary>
    public RenderOptions ToRenderOptions()
    {
        var options = new RenderOptions
        {
            Scale = Scale ?? 10,
            SizePixels = Size,
            Border = Border,
            Dark = Dark is null ? Rgba.Black : Rgba.Parse(Dark),
            Light = Light is null ? Rgba.White : Rgba.Parse(Light),
            Shape = ParseShape(Shape) ?? ModuleShape.Square,
        };
        return options;
    }

    /// <summary>Whether the rendered image stays within <paramref name="maxPixels"/> per side.</summary>
    public bool FitsWithin(int symbolSize, bool micro, int maxPixels)
    {
        if (Size is not null)
        {
            return true;
        }

        var border = Border ?? (micro ? 2 : 4);
        return (long)(symbolSize + 2 * border) * (Scale ?? 10) <= maxPixels;
    }

    public static ModuleShape? ParseShape(string? shape) => shape?.ToUpperInvariant() switch
    {
        null => null,
        "SQUARE" => ModuleShape.Square,
        "CIRCLE" => ModuleShape.Circle,
        "ROUNDED" => ModuleShape.Rounded,
        _ => null,
    };
}
