using System.Buffers;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// SVG output: one <c>&lt;svg&gt;</c> whose view box counts modules (quiet zone included), a background
/// <c>&lt;rect&gt;</c> in the light colour (left out when it is fully transparent) and a single <c>&lt;path&gt;</c>
/// holding every dark module, with horizontal runs of square modules merged.
/// </summary>
/// <remarks>
/// <para>The width and height are <c>modules · scale</c> (user units, i.e. CSS pixels), or exactly
/// <see cref="RenderOptions.SizeMillimetres"/> in <c>mm</c>. Square modules ask for <c>shape-rendering="crispEdges"</c>;
/// circles, rounded modules and styled finders are drawn with arcs and filled even-odd. Colours are written as
/// <c>#RRGGBB</c> with <c>fill-opacity</c> when not opaque. The output is pure ASCII, contains nothing but numbers and
/// fixed text, and is identical for identical inputs.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class SvgRenderer
{
    private static readonly AsciiDocument.Kind Document = new(512, 4, Write);

    /// <summary>Writes the SVG document to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the image would exceed <see cref="RenderOptions.MaxSidePixels"/> per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, TextWriter destination) =>
        AsciiDocument.Render(symbol, options, destination, Document);

    /// <summary>Appends the SVG document as UTF-8 (pure ASCII) to <paramref name="destination"/>, for example a <c>PipeWriter</c>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the image would exceed <see cref="RenderOptions.MaxSidePixels"/> per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, IBufferWriter<byte> destination) =>
        AsciiDocument.Render(symbol, options, destination, Document);

    /// <summary>The SVG document as a string.</summary>
    /// <param name="symbol">The symbol to draw.</param>
    /// <param name="options">How to draw it; null means <see cref="RenderOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the image would exceed <see cref="RenderOptions.MaxSidePixels"/> per side.</exception>
    public static string Render(QrCode symbol, RenderOptions? options = null) =>
        AsciiDocument.Render(symbol, options, Document);

    private static void Write(PooledBuffer buffer, RenderOptions options, in RenderLayout layout)
    {
        var n = layout.Modules;
        buffer.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""u8);
        AppendLength(buffer, options, layout);
        buffer.Append("\" height=\""u8);
        AppendLength(buffer, options, layout);
        buffer.Append("\" viewBox=\"0 0 "u8);
        buffer.AppendInt(n);
        buffer.Append((byte)' ');
        buffer.AppendInt(n);
        buffer.Append(layout.AllSquare ? "\" shape-rendering=\"crispEdges\">\n"u8 : "\">\n"u8);

        if (options.Light.A != 0)
        {
            buffer.Append("<rect width=\""u8);
            buffer.AppendInt(n);
            buffer.Append("\" height=\""u8);
            buffer.AppendInt(n);
            buffer.Append("\""u8);
            AppendFill(buffer, options.Light);
            buffer.Append("/>\n"u8);
        }

        buffer.Append("<path"u8);
        AppendFill(buffer, options.Dark);
        if (!layout.AllSquare)
        {
            buffer.Append(" fill-rule=\"evenodd\""u8);
        }

        buffer.Append(" d=\""u8);
        var sink = new PathSink(buffer);
        ShapeGeometry.Walk(layout, ref sink);
        buffer.Append("\"/>\n</svg>\n"u8);
    }

    private static void AppendLength(PooledBuffer buffer, RenderOptions options, in RenderLayout layout)
    {
        if (options.SizeMillimetres is double mm)
        {
            buffer.AppendNumber(mm);
            buffer.Append("mm"u8);
        }
        else
        {
            buffer.AppendNumber(layout.Side);
        }
    }

    private static void AppendFill(PooledBuffer buffer, Rgba color)
    {
        buffer.Append(" fill=\"#"u8);
        AppendHex(buffer, color);
        buffer.Append((byte)'"');
        if (!color.IsOpaque)
        {
            buffer.Append(" fill-opacity=\""u8);
            buffer.AppendNumber(color.A / 255.0);
            buffer.Append((byte)'"');
        }
    }

    private static void AppendHex(PooledBuffer buffer, Rgba color)
    {
        Span<char> hex = stackalloc char[6];
        color.FormatHex(hex);
        var span = buffer.GetSpan(6);
        for (var i = 0; i < 6; i++)
        {
            span[i] = (byte)hex[i];
        }

        buffer.Advance(6);
    }

    /// <summary>Path data: <c>M x y h n v1 h-n z</c> per run, arcs for rounded squares and circles.</summary>
    private readonly struct PathSink(PooledBuffer buffer) : IShapeSink
    {
        public void Run(int x, int y, int length)
        {
            buffer.Append((byte)'M');
            buffer.AppendInt(x);
            buffer.Append((byte)' ');
            buffer.AppendInt(y);
            buffer.Append((byte)'h');
            buffer.AppendInt(length);
            buffer.Append("v1h-"u8);
            buffer.AppendInt(length);
            buffer.Append((byte)'z');
        }

        public void RoundedSquare(int x, int y, int side, double radius)
        {
            if (radius <= 0)
            {
                buffer.Append((byte)'M');
                buffer.AppendInt(x);
                buffer.Append((byte)' ');
                buffer.AppendInt(y);
                buffer.Append((byte)'h');
                buffer.AppendInt(side);
                buffer.Append((byte)'v');
                buffer.AppendInt(side);
                buffer.Append("h-"u8);
                buffer.AppendInt(side);
                buffer.Append((byte)'z');
                return;
            }

            var straight = side - (2 * radius);
            if (straight <= 0)
            {
                // A circle: two half arcs from the left end of the horizontal diameter.
                buffer.Append((byte)'M');
                buffer.AppendInt(x);
                buffer.Append((byte)' ');
                buffer.AppendNumber(y + radius);
                Arc(radius, 2 * radius, 0);
                Arc(radius, -2 * radius, 0);
                buffer.Append((byte)'z');
                return;
            }

            buffer.Append((byte)'M');
            buffer.AppendNumber(x + radius);
            buffer.Append((byte)' ');
            buffer.AppendInt(y);
            buffer.Append((byte)'h');
            buffer.AppendNumber(straight);
            Arc(radius, radius, radius);
            buffer.Append((byte)'v');
            buffer.AppendNumber(straight);
            Arc(radius, -radius, radius);
            buffer.Append((byte)'h');
            buffer.AppendNumber(-straight);
            Arc(radius, -radius, -radius);
            buffer.Append((byte)'v');
            buffer.AppendNumber(-straight);
            Arc(radius, radius, -radius);
            buffer.Append((byte)'z');
        }

        /// <summary>A clockwise arc of radius r to the relative point (dx, dy).</summary>
        private void Arc(double r, double dx, double dy)
        {
            buffer.Append((byte)'a');
            buffer.AppendNumber(r);
            buffer.Append((byte)' ');
            buffer.AppendNumber(r);
            buffer.Append(" 0 0 1 "u8);
            buffer.AppendNumber(dx);
            buffer.Append((byte)' ');
            buffer.AppendNumber(dy);
        }
    }
}
