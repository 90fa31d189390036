using QrForge.Encoding;

namespace QrForge.Rendering;

// Placeholder signatures; the renderer work replaces each with its own file.

/// <summary>PNG output.</summary>
public static class PngRenderer
{
    /// <summary>Writes the PNG to <paramref name="destination"/>.</summary>
    public static void Render(QrCode symbol, RenderOptions options, Stream destination) => throw new NotImplementedException();

    /// <summary>The PNG as bytes.</summary>
    public static byte[] Render(QrCode symbol, RenderOptions? options = null) => throw new NotImplementedException();
}

/// <summary>SVG output.</summary>
public static class SvgRenderer
{
    /// <summary>Writes the SVG document.</summary>
    public static void Render(QrCode symbol, RenderOptions options, TextWriter destination) => throw new NotImplementedException();

    /// <summary>The SVG document as a string.</summary>
    public static string Render(QrCode symbol, RenderOptions? options = null) => throw new NotImplementedException();
}

/// <summary>PDF output.</summary>
public static class PdfRenderer
{
    /// <summary>Writes a one-page vector PDF.</summary>
    public static void Render(QrCode symbol, RenderOptions options, Stream destination) => throw new NotImplementedException();

    /// <summary>The PDF as bytes.</summary>
    public static byte[] Render(QrCode symbol, RenderOptions? options = null) => throw new NotImplementedException();
}

/// <summary>EPS output.</summary>
public static class EpsRenderer
{
    /// <summary>Writes an EPS document.</summary>
    public static void Render(QrCode symbol, RenderOptions options, TextWriter destination) => throw new NotImplementedException();

    /// <summary>The EPS document as a string.</summary>
    public static string Render(QrCode symbol, RenderOptions? options = null) => throw new NotImplementedException();
}

/// <summary>Text output: Unicode half blocks, ASCII, or ANSI-coloured terminal output.</summary>
public static class TextRenderer
{
    /// <summary>Writes the symbol as text in the given style.</summary>
    public static void Render(QrCode symbol, TextRenderOptions options, TextWriter destination) => throw new NotImplementedException();

    /// <summary>The symbol as text in the given style.</summary>
    public static string Render(QrCode symbol, TextRenderOptions? options = null) => throw new NotImplementedException();
}

/// <summary>How text output looks.</summary>
public sealed record TextRenderOptions
{
    /// <summary>Half blocks, default quiet zone.</summary>
    public static TextRenderOptions Default { get; } = new();

    /// <summary>The characters used. Default <see cref="TextStyle.HalfBlocks"/>.</summary>
    public TextStyle Style { get; init; }

    /// <summary>Quiet zone in modules; null means 4 (2 for Micro QR).</summary>
    public int? Border { get; init; }

    /// <summary>Swap dark and light, for terminals with light text on a dark background (half blocks and ASCII only).</summary>
    public bool Invert { get; init; }
}

/// <summary>Character sets for text output.</summary>
public enum TextStyle
{
    /// <summary>Unicode half blocks (▀ ▄ █ and space): two module rows per line, one column per module.</summary>
    HalfBlocks,

    /// <summary>Two characters per module: <c>##</c> dark, two spaces light.</summary>
    Ascii,

    /// <summary>ANSI escape sequences: black and white background cells, two per module, two module rows per line via half blocks.</summary>
    Ansi,
}
