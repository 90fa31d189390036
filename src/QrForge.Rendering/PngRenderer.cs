using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// PNG output: a 1-bit image, greyscale for black and white, otherwise a two-colour palette (with a tRNS chunk when
/// either colour is not opaque). Written from scratch but for the deflate step (the platform's zlib).
/// </summary>
/// <remarks>
/// <para>A fully transparent light colour is stored as white or black, whichever contrasts with the dark colour, so
/// readers that ignore alpha still see the symbol.</para>
/// <para>The image is <c>(Size + 2·Border) · scale</c> pixels square, where the scale comes from
/// <see cref="RenderOptions.Scale"/>, <see cref="RenderOptions.SizePixels"/> or <see cref="RenderOptions.SizeMillimetres"/>
/// (see <see cref="RenderOptions"/>). A pHYs chunk records <see cref="RenderOptions.Dpi"/>. There is no time stamp or other
/// varying data: identical inputs give identical bytes (on the same runtime's zlib).</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class PngRenderer
{
    private const int RawChunkBytes = 64 * 1024;

    /// <summary>Writes the PNG to <paramref name="destination"/> (one write call; the stream is neither flushed nor closed).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the image would exceed <see cref="RenderOptions.MaxSidePixels"/> per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        using var idat = Compress(symbol, options, out var header);
        var length = header.FileLength(idat.Length);
        var file = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            header.WriteFile(file.AsSpan(0, length), idat.WrittenSpan);
            destination.Write(file, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(file);
        }
    }

    /// <summary>Appends the PNG to <paramref name="destination"/> (for example a <c>PipeWriter</c>) with one <c>GetSpan</c>/<c>Advance</c>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the image would exceed <see cref="RenderOptions.MaxSidePixels"/> per side.</exception>
    public static void Render(QrCode symbol, RenderOptions options, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        using var idat = Compress(symbol, options, out var header);
        var length = header.FileLength(idat.Length);
        header.WriteFile(destination.GetSpan(length)[..length], idat.WrittenSpan);
        destination.Advance(length);
    }

    /// <summary>The PNG as bytes.</summary>
    /// <param name="symbol">The symbol to draw.</param>
    /// <param name="options">How to draw it; null means <see cref="RenderOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the image would exceed <see cref="RenderOptions.MaxSidePixels"/> per side.</exception>
    public static byte[] Render(QrCode symbol, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        using var idat = Compress(symbol, options ?? RenderOptions.Default, out var header);
        var file = new byte[header.FileLength(idat.Length)];
        header.WriteFile(file, idat.WrittenSpan);
        return file;
    }

    /// <summary>Lays out the image, chooses the colour type and deflates the filtered pixel rows.</summary>
    private static PooledBuffer Compress(QrCode symbol, RenderOptions options, out PngHeader header)
    {
        var layout = RenderLayout.ForRaster(symbol, options);
        header = new PngHeader(layout.Pixels, options.Dark, options.Light, options.Dpi);
        var idat = new PooledBuffer(1024 + (layout.Pixels * layout.Pixels / 64));
        try
        {
            using (var zlib = new ZLibStream(new BufferWriterStream(idat), CompressionLevel.Fastest))
            {
                WriteRows(layout, header.InvertBits, zlib);
            }

            return idat;
        }
        catch
        {
            idat.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes every pixel row with its filter byte. The first pixel row of a module row is filtered None (or Up when it
    /// repeats the row above); the rest of the module row repeats it, so with square modules they are Up rows of zeros,
    /// built without looking at a pixel. Shaped modules and styled finders rasterise each pixel row, still Up-filtered
    /// when a row repeats the one above.
    /// </summary>
    private static void WriteRows(in RenderLayout layout, bool invert, Stream zlib)
    {
        var symbol = layout.Symbol;
        var scale = layout.Scale;
        var border = layout.Border;
        var width = layout.Pixels;
        var rowBytes = (width + 7) >> 3;
        var stride = rowBytes + 1;
        var padMask = (width & 7) == 0 ? (byte)0xFF : (byte)(0xFF << (8 - (width & 7)));
        var shapedModules = layout.Shape != ModuleShape.Square;

        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(RawChunkBytes, stride));
        var rowA = ArrayPool<byte>.Shared.Rent(rowBytes);
        var rowB = ArrayPool<byte>.Shared.Rent(rowBytes);
        var spans = shapedModules ? ArrayPool<int>.Shared.Rent(2 * scale) : null;
        try
        {
            if (spans is not null)
            {
                ModuleSpans(scale, ShapeGeometry.ModuleRadius(layout.Shape), spans);
            }

            Span<ulong> squares = stackalloc ulong[ModuleRows.MaxWords];
            Span<ulong> shaped = stackalloc ulong[ModuleRows.MaxWords];
            squares = squares[..symbol.WordsPerRow];
            shaped = shaped[..symbol.WordsPerRow];
            var current = rowA.AsSpan(0, rowBytes);
            var previous = rowB.AsSpan(0, rowBytes);
            var hasPrevious = false;
            var used = 0;
            for (var my = 0; my < layout.Modules; my++)
            {
                var sy = my - border;
                var inSymbol = (uint)sy < (uint)symbol.Size;
                var anyShaped = false;
                var finderRow = false;
                if (inSymbol)
                {
                    anyShaped = ModuleRows.Split(layout, sy, squares, shaped);
                    finderRow = layout.Finder != FinderStyle.Square && (sy < 7 || (!symbol.IsMicro && sy >= symbol.Size - 7));
                }
                else
                {
                    squares.Clear();
                }

                var uniform = !anyShaped && !finderRow;
                for (var j = 0; j < scale; j++)
                {
                    if (raw.Length - used < stride)
                    {
                        zlib.Write(raw, 0, used);
                        used = 0;
                    }

                    var output = raw.AsSpan(used, stride);
                    used += stride;
                    if (j > 0 && uniform)
                    {
                        output[0] = 2; // Up: the row above again, all differences zero.
                        output[1..].Clear();
                        continue;
                    }

                    current.Clear();
                    if (inSymbol)
                    {
                        DrawRow(layout, squares, shaped, anyShaped, finderRow, sy, (my * scale) + j, spans.AsSpan(), j, current);
                    }

                    if (invert)
                    {
                        for (var i = 0; i < current.Length; i++)
                        {
                            current[i] = (byte)~current[i];
                        }

                        current[^1] &= padMask;
                    }

                    if (hasPrevious && current.SequenceEqual(previous))
                    {
                        output[0] = 2;
                        output[1..].Clear();
                    }
                    else
                    {
                        output[0] = 0; // None: the bits as they are.
                        current.CopyTo(output[1..]);
                        var swap = previous;
                        previous = current;
                        current = swap;
                    }

                    hasPrevious = true;
                }
            }

            zlib.Write(raw, 0, used);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(rowA);
            ArrayPool<byte>.Shared.Return(rowB);
            if (spans is not null)
            {
                ArrayPool<int>.Shared.Return(spans);
            }
        }
    }

    /// <summary>Sets the dark pixels of pixel row <paramref name="py"/> (sub-row <paramref name="j"/> of symbol row <paramref name="sy"/>).</summary>
    private static void DrawRow(in RenderLayout layout, ReadOnlySpan<ulong> squares, ReadOnlySpan<ulong> shaped, bool anyShaped,
        bool finderRow, int sy, int py, ReadOnlySpan<int> spans, int j, Span<byte> row)
    {
        var symbol = layout.Symbol;
        var size = symbol.Size;
        var scale = layout.Scale;
        var border = layout.Border;
        var x = ModuleRows.NextRun(squares, 0, size, out var end);
        while (x >= 0)
        {
            SetPixels(row, (x + border) * scale, (end + border) * scale);
            x = ModuleRows.NextRun(squares, end, size, out end);
        }

        if (anyShaped)
        {
            int lo = spans[2 * j], hi = spans[(2 * j) + 1];
            x = ModuleRows.NextRun(shaped, 0, size, out end);
            while (x >= 0)
            {
                for (var mx = x; mx < end; mx++)
                {
                    var x0 = (mx + border) * scale;
                    SetPixels(row, x0 + lo, x0 + hi);
                }

                x = ModuleRows.NextRun(shaped, end, size, out end);
            }
        }

        if (finderRow)
        {
            var (outer, hole, inner) = ShapeGeometry.FinderRadii(layout.Finder);
            for (var i = 0; i < ShapeGeometry.FinderCount(symbol); i++)
            {
                var (fx, fy) = ShapeGeometry.FinderOrigin(symbol, i);
                if (sy < fy || sy >= fy + 7)
                {
                    continue;
                }

                var cx = (fx + border + 3.5) * scale;
                var dy = py + 0.5 - ((fy + border + 3.5) * scale);
                var (outerLo, outerHi) = ShapeGeometry.PixelSpan(cx, ShapeGeometry.HalfWidth(dy, 3.5 * scale, outer * scale));
                var (holeLo, holeHi) = ShapeGeometry.PixelSpan(cx, ShapeGeometry.HalfWidth(dy, 2.5 * scale, hole * scale));
                var (innerLo, innerHi) = ShapeGeometry.PixelSpan(cx, ShapeGeometry.HalfWidth(dy, 1.5 * scale, inner * scale));
                if (holeLo < holeHi)
                {
                    SetPixels(row, outerLo, holeLo);
                    SetPixels(row, holeHi, outerHi);
                }
                else
                {
                    SetPixels(row, outerLo, outerHi);
                }

                SetPixels(row, innerLo, innerHi);
            }
        }
    }

    /// <summary>For each pixel row j of a module, the pixels [spans[2j], spans[2j+1]) the module shape covers.</summary>
    private static void ModuleSpans(int scale, double radius, Span<int> spans)
    {
        var half = scale / 2.0;
        for (var j = 0; j < scale; j++)
        {
            var (lo, hi) = ShapeGeometry.PixelSpan(half, ShapeGeometry.HalfWidth(j + 0.5 - half, half, radius * scale));
            spans[2 * j] = Math.Clamp(lo, 0, scale);
            spans[(2 * j) + 1] = Math.Clamp(hi, 0, scale);
        }
    }

    /// <summary>Sets bits [from, to) of a 1-bit row, most significant bit first as PNG packs pixels.</summary>
    private static void SetPixels(Span<byte> row, int from, int to)
    {
        if (from >= to)
        {
            return;
        }

        var first = from >> 3;
        var last = (to - 1) >> 3;
        var firstMask = (byte)(0xFF >> (from & 7));
        var lastMask = (byte)(0xFF << (7 - ((to - 1) & 7)));
        if (first == last)
        {
            row[first] |= (byte)(firstMask & lastMask);
            return;
        }

        row[first] |= firstMask;
        row[(first + 1)..last].Fill(0xFF);
        row[last] |= lastMask;
    }

    /// <summary>Everything but the image data: size, colour type, palette, transparency and resolution.</summary>
    private readonly struct PngHeader
    {
        private readonly int _size;
        private readonly Rgba _dark;
        private readonly Rgba _light;
        private readonly int _pixelsPerMetre;

        public PngHeader(int size, Rgba dark, Rgba light, int dpi)
        {
            _size = size;
            _dark = dark;

            // A fully transparent colour's RGB is invisible to anything that honours alpha; make it contrast with the
            // dark colour so that readers which drop the alpha channel still see a symbol.
            _light = light.A == 0 ? ContrastWith(dark) with { A = 0 } : light;
            _pixelsPerMetre = (int)Math.Round(dpi / 0.0254);

            // 1-bit greyscale holds exactly black (0) and white (1); any other pair needs a palette.
            Greyscale = (dark == Rgba.Black && light == Rgba.White) || (dark == Rgba.White && light == Rgba.Black);
            Transparent = !Greyscale && !(dark.IsOpaque && light.IsOpaque);

            // Rows are drawn with 1 = dark. The palette is [light, dark]; greyscale needs 1 = white.
            InvertBits = Greyscale && dark == Rgba.Black;
        }

        public bool Greyscale { get; }

        public bool Transparent { get; }

        public bool InvertBits { get; }

        // Signature 8, IHDR 25, PLTE 12+6, tRNS 12+2, pHYs 21, IDAT 12+n, IEND 12.
        public int FileLength(int idatLength) =>
            8 + 25 + (Greyscale ? 0 : 18) + (Transparent ? 14 : 0) + 21 + 12 + idatLength + 12;

        public void WriteFile(Span<byte> file, ReadOnlySpan<byte> idat)
        {
            ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
            signature.CopyTo(file);
            var at = 8;

            Span<byte> ihdr = stackalloc byte[13];
            BinaryPrimitives.WriteInt32BigEndian(ihdr, _size);
            BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], _size);
            ihdr[8] = 1; // bit depth
            ihdr[9] = Greyscale ? (byte)0 : (byte)3; // colour type: greyscale or indexed
            ihdr[10] = 0; // compression: deflate
            ihdr[11] = 0; // filter method: adaptive (per-row filter byte)
            ihdr[12] = 0; // no interlace
            at += Chunk(file[at..], "IHDR"u8, ihdr);

            if (!Greyscale)
            {
                ReadOnlySpan<byte> plte = [_light.R, _light.G, _light.B, _dark.R, _dark.G, _dark.B];
                at += Chunk(file[at..], "PLTE"u8, plte);
                if (Transparent)
                {
                    ReadOnlySpan<byte> trns = [_light.A, _dark.A];
                    at += Chunk(file[at..], "tRNS"u8, trns);
                }
            }

            Span<byte> phys = stackalloc byte[9];
            BinaryPrimitives.WriteInt32BigEndian(phys, _pixelsPerMetre);
            BinaryPrimitives.WriteInt32BigEndian(phys[4..], _pixelsPerMetre);
            phys[8] = 1; // unit: metre
            at += Chunk(file[at..], "pHYs"u8, phys);
            at += Chunk(file[at..], "IDAT"u8, idat);
            at += Chunk(file[at..], "IEND"u8, []);
            System.Diagnostics.Debug.Assert(at == file.Length);
        }

        private static Rgba ContrastWith(Rgba c) => (c.R * 299) + (c.G * 587) + (c.B * 114) < 128_000 ? Rgba.White : Rgba.Black;

        /// <summary>Writes length, type, data and the CRC of type and data; returns the bytes written.</summary>
        private static int Chunk(Span<byte> destination, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
        {
            BinaryPrimitives.WriteInt32BigEndian(destination, data.Length);
            type.CopyTo(destination[4..]);
            data.CopyTo(destination[8..]);
            var crc = Crc32.Compute(destination.Slice(4, 4 + data.Length));
            BinaryPrimitives.WriteUInt32BigEndian(destination[(8 + data.Length)..], crc);
            return 12 + data.Length;
        }
    }
}
