using System.Buffers.Binary;
using System.IO.Compression;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Rendering.Tests.Support;

/// <summary>
/// An independent little PNG reader for the tests: checks the signature and every chunk's CRC (bitwise, not the
/// renderer's table), inflates IDAT, undoes all five filters and maps pixels through the palette and tRNS.
/// </summary>
internal sealed class PngImage
{
    private readonly Rgba[] _pixels;

    private PngImage(int width, int height, int bitDepth, int colorType, List<string> chunks, Rgba[] pixels, int? pixelsPerMetre)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColorType = colorType;
        Chunks = chunks;
        _pixels = pixels;
        PixelsPerMetre = pixelsPerMetre;
    }

    public int Width { get; }

    public int Height { get; }

    public int BitDepth { get; }

    /// <summary>0 greyscale, 2 RGB, 3 indexed, 4 grey+alpha, 6 RGBA.</summary>
    public int ColorType { get; }

    public IReadOnlyList<string> Chunks { get; }

    public int? PixelsPerMetre { get; }

    public Rgba this[int x, int y] => _pixels[(y * Width) + x];

    public static PngImage Decode(byte[] file)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(file.AsSpan(0, 8).SequenceEqual(signature), "PNG signature");
        var at = 8;
        var chunks = new List<string>();
        int width = 0, height = 0, bitDepth = 0, colorType = 0;
        int? ppm = null;
        byte[] palette = [];
        byte[] trns = [];
        using var idat = new MemoryStream();
        while (at < file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = TextEncoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            Assert.Equal(BitwiseCrc32(file.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colorType = data[9];
                    Assert.Equal(0, data[10]);
                    Assert.Equal(0, data[11]);
                    Assert.Equal(0, data[12]);
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    trns = data.ToArray();
                    break;
                case "pHYs":
                    ppm = BinaryPrimitives.ReadInt32BigEndian(data);
                    Assert.Equal(ppm, BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                    Assert.Equal(1, data[8]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        Assert.Equal(file.Length, at);
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new InvalidDataException("colour type") };
        var bitsPerPixel = channels * bitDepth;
        var rowBytes = ((width * bitsPerPixel) + 7) / 8;
        var bpp = Math.Max(1, bitsPerPixel / 8);
        Assert.Equal(height * (rowBytes + 1), raw.Length);

        var pixels = new Rgba[width * height];
        var previous = new byte[rowBytes];
        var current = new byte[rowBytes];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (rowBytes + 1)];
            raw.AsSpan((y * (rowBytes + 1)) + 1, rowBytes).CopyTo(current);
            for (var i = 0; i < rowBytes; i++)
            {
                int a = i >= bpp ? current[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                current[i] += filter switch
                {
                    0 => 0,
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) / 2),
                    4 => (byte)Paeth(a, b, c),
                    _ => throw new InvalidDataException("filter " + filter),
                };
            }

            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = Pixel(current, x, bitDepth, colorType, palette, trns);
            }

            (previous, current) = (current, previous);
        }

        return new PngImage(width, height, bitDepth, colorType, chunks, pixels, ppm);
    }

    private static Rgba Pixel(byte[] row, int x, int bitDepth, int colorType, byte[] palette, byte[] trns)
    {
        if (bitDepth < 8)
        {
            var perByte = 8 / bitDepth;
            var value = (row[x / perByte] >> (8 - (bitDepth * ((x % perByte) + 1)))) & ((1 << bitDepth) - 1);
            if (colorType == 3)
            {
                return new Rgba(palette[3 * value], palette[(3 * value) + 1], palette[(3 * value) + 2], value < trns.Length ? trns[value] : (byte)255);
            }

            Assert.Equal(0, colorType);
            var grey = (byte)(value * 255 / ((1 << bitDepth) - 1));
            return new Rgba(grey, grey, grey);
        }

        Assert.Equal(8, bitDepth);
        return colorType switch
        {
            0 => new Rgba(row[x], row[x], row[x]),
            2 => new Rgba(row[3 * x], row[(3 * x) + 1], row[(3 * x) + 2]),
            3 => new Rgba(palette[3 * row[x]], palette[(3 * row[x]) + 1], palette[(3 * row[x]) + 2], row[x] < trns.Length ? trns[row[x]] : (byte)255),
            4 => new Rgba(row[2 * x], row[2 * x], row[2 * x], row[(2 * x) + 1]),
            _ => new Rgba(row[4 * x], row[(4 * x) + 1], row[(4 * x) + 2], row[(4 * x) + 3]),
        };
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>CRC-32 one bit at a time, straight from the PNG specification's definition.</summary>
    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
