using System.Buffers;
using System.IO.Compression;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// PDF output: a one-page PDF 1.4 document whose page is exactly the symbol with its quiet zone, drawn in vectors: a
/// background rectangle in the light colour (left out when fully transparent) and one even-odd-filled path of the dark
/// modules, merged runs as <c>re</c> rectangles and rounded shapes as Bézier curves.
/// </summary>
/// <remarks>
/// <para>The page is <c>modules · scale</c> points square (1 pt = 1/72 in), or exactly
/// <see cref="RenderOptions.SizeMillimetres"/>. Colours are DeviceRGB; alpha below 255 becomes a constant fill
/// opacity (<c>/ca</c>). The content stream is deflated. No dates, ids or producer strings: identical inputs give identical
/// bytes. Acrobat refuses pages over 14,400 pt (200 in) a side, below this library's 20,000 cap.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class PdfRenderer
{
    /// <summary>Writes a one-page vector PDF to <paramref name="destination"/> (one write call; the stream is neither flushed nor closed).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the page would exceed <see cref="RenderOptions.MaxSidePixels"/> points per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        using var file = Build(symbol, options);
        destination.Write(file.WrittenSpan);
    }

    /// <summary>Appends a one-page vector PDF to <paramref name="destination"/>, for example a <c>PipeWriter</c>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the page would exceed <see cref="RenderOptions.MaxSidePixels"/> points per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        using var file = Build(symbol, options);
        destination.Write(file.WrittenSpan);
    }

    /// <summary>The PDF as bytes.</summary>
    /// <param name="symbol">The symbol to draw.</param>
    /// <param name="options">How to draw it; null means <see cref="RenderOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the page would exceed <see cref="RenderOptions.MaxSidePixels"/> points per side.</exception>
    public static byte[] Render(QrCode symbol, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        using var file = Build(symbol, options ?? RenderOptions.Default);
        return file.ToArray();
    }

    private static PooledBuffer Build(QrCode symbol, RenderOptions options)
    {
        var layout = RenderLayout.ForVector(symbol, options);
        using var content = new PooledBuffer(1024 + (symbol.Size * symbol.Size * 6));
        var lightAlpha = options.Light.A;
        var darkAlpha = options.Dark.A;

        content.Append("q\n"u8);
        content.AppendNumber(layout.ModuleSize);
        content.Append(" 0 0 "u8);
        content.AppendNumber(-layout.ModuleSize);
        content.Append(" 0 "u8);
        content.AppendNumber(layout.Side);
        content.Append(" cm\n"u8); // module units, origin at the top left, y down
        if (lightAlpha != 0)
        {
            if (lightAlpha != 255)
            {
                content.Append("/GL gs\n"u8);
            }

            OperatorPathSink.AppendColor(content, options.Light);
            content.Append(" rg\n0 0 "u8);
            content.AppendInt(layout.Modules);
            content.Append((byte)' ');
            content.AppendInt(layout.Modules);
            content.Append(" re\nf\n"u8);
        }

        if (darkAlpha != 255)
        {
            content.Append("/GD gs\n"u8);
        }

        OperatorPathSink.AppendColor(content, options.Dark);
        content.Append(" rg\n"u8);
        var sink = new OperatorPathSink(content);
        ShapeGeometry.Walk(layout, ref sink);
        content.Append("f*\nQ\n"u8);

        using var compressed = new PooledBuffer(256 + (content.Length / 4));
        using (var zlib = new ZLibStream(new BufferWriterStream(compressed), CompressionLevel.Optimal))
        {
            zlib.Write(content.WrittenSpan);
        }

        var file = new PooledBuffer(1024 + compressed.Length);
        try
        {
            Span<int> offsets = stackalloc int[5];
            // The header, then a comment of four bytes above 127 that marks the file as binary for transfer tools.
            file.Append("%PDF-1.4\n%"u8);
            file.Append([0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);

            offsets[1] = file.Length;
            file.Append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"u8);

            offsets[2] = file.Length;
            file.Append("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"u8);

            offsets[3] = file.Length;
            file.Append("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "u8);
            file.AppendNumber(layout.Side);
            file.Append((byte)' ');
            file.AppendNumber(layout.Side);
            file.Append("] /Resources << "u8);
            if ((lightAlpha != 0 && lightAlpha != 255) || darkAlpha != 255)
            {
                file.Append("/ExtGState << "u8);
                if (lightAlpha != 0 && lightAlpha != 255)
                {
                    file.Append("/GL << /ca "u8);
                    file.AppendNumber(lightAlpha / 255.0);
                    file.Append(" >> "u8);
                }

                if (darkAlpha != 255)
                {
                    file.Append("/GD << /ca "u8);
                    file.AppendNumber(darkAlpha / 255.0);
                    file.Append(" >> "u8);
                }

                file.Append(">> "u8);
            }

            file.Append(">> /Contents 4 0 R >>\nendobj\n"u8);

            offsets[4] = file.Length;
            file.Append("4 0 obj\n<< /Length "u8);
            file.AppendInt(compressed.Length);
            file.Append(" /Filter /FlateDecode >>\nstream\n"u8);
            file.Append(compressed.WrittenSpan);
            file.Append("\nendstream\nendobj\n"u8);

            var xref = file.Length;
            file.Append("xref\n0 5\n0000000000 65535 f \n"u8);
            for (var i = 1; i < offsets.Length; i++)
            {
                var entry = file.GetSpan(20)[..20];
                "0000000000 00000 n \n"u8.CopyTo(entry);
                PatchNumber(entry[..10], offsets[i]);
                file.Advance(20);
            }

            file.Append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n"u8);
            file.AppendInt(xref);
            file.Append("\n%%EOF\n"u8);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="value"/> right-aligned with leading zeros into a fixed field (the xref's offsets).</summary>
    private static void PatchNumber(Span<byte> field, int value)
    {
        for (var i = field.Length - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
