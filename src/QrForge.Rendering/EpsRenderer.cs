using System.Buffers;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// EPS output: an Encapsulated PostScript 3.0 file (<c>%!PS-Adobe-3.0 EPSF-3.0</c>) with a <c>%%BoundingBox</c> of the
/// symbol and its quiet zone, a background rectangle in the light colour and one even-odd-filled path of the dark
/// modules (merged runs as rectangles, rounded shapes as Bézier curves).
/// </summary>
/// <remarks>
/// <para>The box is <c>modules · scale</c> points square, or exactly <see cref="RenderOptions.SizeMillimetres"/> (then
/// <c>%%BoundingBox</c> is rounded up and <c>%%HiResBoundingBox</c> is exact). Colours use <c>setrgbcolor</c>.
/// PostScript has no transparency: a fully transparent light colour leaves the background unpainted, and any other
/// alpha is ignored. Operators are defined in a private dictionary, so the file does not disturb its host. Identical
/// inputs give identical text.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class EpsRenderer
{
    private static readonly AsciiDocument.Kind Document = new(1024, 6, Write);

    /// <summary>Writes the EPS document to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the box would exceed <see cref="RenderOptions.MaxSidePixels"/> points per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, TextWriter destination) =>
        AsciiDocument.Render(symbol, options, destination, Document);

    /// <summary>Appends the EPS document (pure ASCII) to <paramref name="destination"/>, for example a <c>PipeWriter</c>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the box would exceed <see cref="RenderOptions.MaxSidePixels"/> points per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, IBufferWriter<byte> destination) =>
        AsciiDocument.Render(symbol, options, destination, Document);

    /// <summary>The EPS document as a string.</summary>
    /// <param name="symbol">The symbol to draw.</param>
    /// <param name="options">How to draw it; null means <see cref="RenderOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the box would exceed <see cref="RenderOptions.MaxSidePixels"/> points per side.</exception>
    public static string Render(QrCode symbol, RenderOptions? options = null) =>
        AsciiDocument.Render(symbol, options, Document);

    private static void Write(PooledBuffer buffer, RenderOptions options, in RenderLayout layout)
    {
        var side = layout.Side;
        buffer.Append("%!PS-Adobe-3.0 EPSF-3.0\n%%Creator: QrForge\n%%BoundingBox: 0 0 "u8);
        buffer.AppendInt((int)Math.Ceiling(side));
        buffer.Append((byte)' ');
        buffer.AppendInt((int)Math.Ceiling(side));
        buffer.Append("\n%%HiResBoundingBox: 0 0 "u8);
        buffer.AppendNumber(side);
        buffer.Append((byte)' ');
        buffer.AppendNumber(side);
        buffer.Append("""

            %%LanguageLevel: 2
            %%EndComments
            %%BeginProlog
            /QrForgeDict 5 dict def
            QrForgeDict begin
            /m { moveto } bind def
            /l { lineto } bind def
            /c { curveto } bind def
            /h { closepath } bind def
            /re { 4 2 roll moveto 1 index 0 rlineto 0 exch rlineto neg 0 rlineto closepath } bind def
            end
            %%EndProlog
            QrForgeDict begin
            gsave
            """u8);
        buffer.Append("\n0 "u8);
        buffer.AppendNumber(side);
        buffer.Append(" translate "u8);
        buffer.AppendNumber(layout.ModuleSize);
        buffer.Append((byte)' ');
        buffer.AppendNumber(-layout.ModuleSize);
        buffer.Append(" scale\n"u8); // module units, origin at the top left, y down
        if (options.Light.A != 0)
        {
            OperatorPathSink.AppendColor(buffer, options.Light);
            buffer.Append(" setrgbcolor\n0 0 "u8);
            buffer.AppendInt(layout.Modules);
            buffer.Append((byte)' ');
            buffer.AppendInt(layout.Modules);
            buffer.Append(" re\nfill\n"u8);
        }

        OperatorPathSink.AppendColor(buffer, options.Dark);
        buffer.Append(" setrgbcolor\nnewpath\n"u8);
        var sink = new OperatorPathSink(buffer);
        ShapeGeometry.Walk(layout, ref sink);
        buffer.Append("eofill\ngrestore\nend\nshowpage\n%%EOF\n"u8);
    }
}
