using System.Buffers.Binary;
using QrForge.Encoding;
using SkiaSharp;

namespace QrForge.Scanning.Tests;

/// <summary>Fuzzing-style input: every malformed image is a clear result, never an exception, with bounded memory.</summary>
public class RobustnessTests
{
    private static readonly byte[] ValidPng = Png.Encode(Raster.Render(QrCode.EncodeText("robustness", Ecc.M)));
    private static readonly byte[] ValidJpeg = Png.Encode(Raster.Render(QrCode.EncodeText("robustness", Ecc.M)), SKEncodedImageFormat.Jpeg, 90);

    [Fact]
    public void Read_RandomBytes_ReturnsInvalidImage()
    {
        var random = new Random(1);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);

            var result = Scanner.Read(bytes);

            Assert.Equal(ScanStatus.InvalidImage, result.Status);
            Assert.False(string.IsNullOrEmpty(result.Error));
        }
    }

    [Fact]
    public void Read_TruncatedFiles_NeverThrow()
    {
        foreach (var file in new[] { ValidPng, ValidJpeg })
        {
            for (var length = 0; length < file.Length; length += Math.Max(1, file.Length / 97))
            {
                var result = Scanner.Read(file.AsSpan(0, length));

                Assert.True(result.IsSuccess ? result.Symbols[0].Text == "robustness" : result.Error is not null);
            }
        }
    }

    [Fact]
    public void Read_CorruptedFiles_NeverThrowOrMisread()
    {
        var random = new Random(2);
        foreach (var file in new[] { ValidPng, ValidJpeg })
        {
            for (var i = 0; i < 300; i++)
            {
                var copy = (byte[])file.Clone();
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                var result = Scanner.Read(copy);

                Assert.True(result.IsSuccess ? result.Symbols[0].Text == "robustness" : result.Error is not null);
            }
        }
    }

    [Theory]
    [InlineData(100_000, 100_000)]
    [InlineData(1, 900_000)]
    [InlineData(20_000, 20_000)]
    [InlineData(7_000, 7_000)]
    public void Read_HugeDeclaredPng_IsRefusedBeforeDecoding(int width, int height)
    {
        var png = PngHeaderOnly(width, height);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = Scanner.Read(png);

        Assert.Equal(ScanStatus.ImageTooLarge, result.Status);
        Assert.Contains("limit", result.Error, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    [Fact]
    public void Read_OverConfiguredLimits_IsRefused()
    {
        var options = new ScanOptions { MaxWidth = 50, MaxHeight = 50 };

        Assert.Equal(ScanStatus.ImageTooLarge, Scanner.Read(ValidPng, options).Status);
        Assert.Equal(ScanStatus.ImageTooLarge, Scanner.Read(new MemoryStream(ValidPng), new ScanOptions { MaxEncodedBytes = 100 }).Status);
    }

    [Fact]
    public void Read_Stream_ReturnsText()
    {
        Assert.Equal("robustness", Scanner.Read(new MemoryStream(ValidPng)).Symbols[0].Text);
    }

    [Theory]
    [InlineData(0, 10, 10)]
    [InlineData(-5, 10, 10)]
    [InlineData(100, 100, 5)]
    public void ReadPixels_InconsistentBuffer_ReturnsInvalidArgument(int width, int height, int bufferLength)
    {
        var result = Scanner.ReadPixels(new byte[bufferLength], width, height, ScanPixelFormat.Grey8);

        Assert.Equal(ScanStatus.InvalidArgument, result.Status);
    }

    [Fact]
    public void ReadPixels_NoiseAndFlatImages_ReturnNotFound()
    {
        var random = new Random(3);
        var noise = new byte[640 * 480];
        random.NextBytes(noise);

        Assert.Equal(ScanStatus.NotFound, Scanner.ReadPixels(noise, 640, 480, ScanPixelFormat.Grey8).Status);
        Assert.Equal(ScanStatus.NotFound, Scanner.ReadPixels(new byte[100 * 100], 100, 100, ScanPixelFormat.Grey8).Status);
        Assert.Equal(ScanStatus.NotFound, Scanner.ReadPixels(new byte[10 * 10], 10, 10, ScanPixelFormat.Grey8).Status);
    }

    [Fact]
    public void Decode_RandomGrids_NeverThrow()
    {
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var size = 21 + (4 * random.Next(40));
            var grid = new bool[size * size];
            for (var j = 0; j < grid.Length; j++)
            {
                grid[j] = random.Next(2) == 0;
            }

            _ = SymbolDecoder.Decode(grid, size, out _);
        }
    }

    [Fact]
    public void ParseSegments_RandomCodewords_NeverThrow()
    {
        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            var data = new byte[random.Next(1, 200)];
            random.NextBytes(data);

            _ = SegmentParser.Parse(data, random.Next(1, 41), micro: false, data.Length * 8);
            _ = SegmentParser.Parse(data.AsSpan(0, Math.Min(data.Length, 16)), random.Next(1, 5), micro: true, random.Next(0, 130));
        }
    }

    [Fact]
    public void Read_OneDamagedCodewordTooMany_IsNotMisread()
    {
        // Negative control: a version 1-L block corrects 2 codewords; with everything but the finders scrambled the
        // reader must report nothing rather than invent text.
        var code = QrCode.EncodeText("control", new QrEncodeOptions { Ecc = Ecc.L, MaxVersion = 1 });
        var (pixels, width, height) = Raster.Render(code, scale: 4);
        var random = new Random(6);
        for (var my = 9; my < code.Size; my++)
        {
            for (var mx = 9; mx < code.Size; mx++)
            {
                if (random.Next(2) == 0)
                {
                    continue;
                }

                for (var dy = 0; dy < 4; dy++)
                {
                    for (var dx = 0; dx < 4; dx++)
                    {
                        var index = (((4 + my) * 4) + dy) * width + ((4 + mx) * 4) + dx;
                        pixels[index] = (byte)(255 - pixels[index]);
                    }
                }
            }
        }

        Assert.Equal(ScanStatus.NotFound, Raster.Read((pixels, width, height)).Status);
    }

    /// <summary>A PNG with a valid signature and IHDR claiming the given size, then an empty IDAT and IEND.</summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale
        Chunk(stream, "IHDR", ihdr);
        Chunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
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
