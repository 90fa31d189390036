using System.Buffers;
using QrForge.Encoding;
using QrForge.Rendering.Tests.Support;

namespace QrForge.Rendering.Tests;

public class PngRendererTests
{
    private static readonly Rgba Navy = new(0, 0, 128);
    private static readonly Rgba Cream = new(255, 250, 205);

    [Fact]
    public void Render_Defaults_Is370PixelGreyscaleMatchingEveryModule()
    {
        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3));

        Assert.Equal(370, image.Width);
        Assert.Equal(370, image.Height);
        Assert.Equal(1, image.BitDepth);
        Assert.Equal(0, image.ColorType);
        Assert.Equal(["IHDR", "pHYs", "IDAT", "IEND"], image.Chunks);
        Assert.Equal(0, Mismatches(image, Symbols.Version3, 4, 10, Rgba.Black, Rgba.White));
    }

    [Fact]
    public void PixelComparison_OneFlippedModule_FindsExactlyThatModule()
    {
        // Negative control: the comparison used throughout must see a single wrong module.
        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3));

        var mismatches = Mismatches(image, Symbols.Version3, 4, 10, Rgba.Black, Rgba.White, flip: (10, 12));

        Assert.Equal(100, mismatches);
    }

    [Theory]
    [InlineData(1, 0, 21)]
    [InlineData(1, null, 29)]
    [InlineData(3, 2, 75)]
    [InlineData(7, 100, 7 * 221)]
    [InlineData(10, null, 290)]
    public void Render_ScaleAndBorder_GivesSideAndModules(int scale, int? border, int side)
    {
        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version1, new RenderOptions { Scale = scale, Border = border }));

        Assert.Equal(side, image.Width);
        Assert.Equal(side, image.Height);
        Assert.Equal(0, Mismatches(image, Symbols.Version1, border ?? 4, scale, Rgba.Black, Rgba.White));
    }

    [Fact]
    public void Render_MicroQr_DefaultBorderIsTwoModules()
    {
        var micro = Symbols.Micro;

        var image = PngImage.Decode(PngRenderer.Render(micro, new RenderOptions { Scale = 4 }));

        Assert.Equal((micro.Size + 4) * 4, image.Width);
        Assert.Equal(0, Mismatches(image, micro, 2, 4, Rgba.Black, Rgba.White));
    }

    [Theory]
    [InlineData(370, 370)]
    [InlineData(399, 370)]
    [InlineData(407, 407)]
    [InlineData(36, 37)]
    [InlineData(1, 37)]
    public void Render_SizePixels_UsesLargestWholeScaleThatFits(int sizePixels, int side)
    {
        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3, new RenderOptions { SizePixels = sizePixels }));

        Assert.Equal(side, image.Width);
        Assert.Equal(0, Mismatches(image, Symbols.Version3, 4, side / 37, Rgba.Black, Rgba.White));
    }

    [Fact]
    public void Render_SizeMillimetres_FitsWholeModulesAndRecordsDpi()
    {
        // 31.3 mm at 600 dpi is 739.4 px: 19 px per module for 37 modules, 703 px.
        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3, new RenderOptions { SizeMillimetres = 31.3, Dpi = 600 }));

        Assert.Equal(703, image.Width);
        Assert.Equal(23622, image.PixelsPerMetre);
        Assert.Equal(0, Mismatches(image, Symbols.Version3, 4, 19, Rgba.Black, Rgba.White));
    }

    [Fact]
    public void Render_WhiteOnBlack_StaysOneBitGreyscale()
    {
        var options = new RenderOptions { Dark = Rgba.White, Light = Rgba.Black, Scale = 3 };

        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3, options));

        Assert.Equal(0, image.ColorType);
        Assert.Equal(1, image.BitDepth);
        Assert.Equal(0, Mismatches(image, Symbols.Version3, 4, 3, Rgba.White, Rgba.Black));
    }

    [Fact]
    public void Render_OpaqueColours_UsesOneBitPaletteWithoutTransparency()
    {
        var options = new RenderOptions { Dark = Navy, Light = Cream, Scale = 5 };

        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3, options));

        Assert.Equal(3, image.ColorType);
        Assert.Equal(1, image.BitDepth);
        Assert.Equal(["IHDR", "PLTE", "pHYs", "IDAT", "IEND"], image.Chunks);
        Assert.Equal(0, Mismatches(image, Symbols.Version3, 4, 5, Navy, Cream));
    }

    [Fact]
    public void Render_GreyButNotBlackAndWhite_UsesPalette()
    {
        var grey = new Rgba(128, 128, 128);

        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version1, new RenderOptions { Dark = grey, Scale = 2 }));

        Assert.Equal(3, image.ColorType);
        Assert.Equal(0, Mismatches(image, Symbols.Version1, 4, 2, grey, Rgba.White));
    }

    [Fact]
    public void Render_TransparentLight_AddsTransparencyChunk()
    {
        var dark = new Rgba(10, 20, 30, 200);
        var options = new RenderOptions { Dark = dark, Light = Rgba.Transparent, Scale = 4 };

        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3, options));

        Assert.Equal(3, image.ColorType);
        Assert.Contains("tRNS", image.Chunks);
        Assert.Equal(0, image[0, 0].A);
        Assert.Equal(0, Mismatches(image, Symbols.Version3, 4, 4, dark, Rgba.Transparent));
    }

    [Theory]
    [InlineData(0, 0, 128, 255)]
    [InlineData(250, 250, 250, 0)]
    public void Render_FullyTransparentLight_StoresAContrastingColour(byte r, byte g, byte b, byte expected)
    {
        // Readers that drop the alpha channel then still see dark on light (or light on dark).
        var options = new RenderOptions { Dark = new Rgba(r, g, b), Light = Rgba.Transparent };

        var corner = PngImage.Decode(PngRenderer.Render(Symbols.Version1, options))[0, 0];

        Assert.Equal(new Rgba(expected, expected, expected, 0), corner);
    }

    [Fact]
    public void Render_LargeImage_SpansSeveralDeflateWrites()
    {
        // 1480 px rows of 186 bytes: about 275 KB of filtered rows, several times the renderer's 64 KB chunk.
        var image = PngImage.Decode(PngRenderer.Render(Symbols.Version3, new RenderOptions { Scale = 40 }));

        Assert.Equal(1480, image.Width);
        Assert.Equal(0, Mismatches(image, Symbols.Version3, 4, 40, Rgba.Black, Rgba.White));
    }

    [Fact]
    public void Render_SameInputsTwice_GivesIdenticalBytes()
    {
        var options = new RenderOptions { Shape = ModuleShape.Circle, Finder = FinderStyle.Rounded, Dark = Navy };

        Assert.Equal(PngRenderer.Render(Symbols.Version3, options), PngRenderer.Render(Symbols.Version3, options));
    }

    [Fact]
    public void Render_StreamAndBufferWriter_MatchByteArray()
    {
        var expected = PngRenderer.Render(Symbols.Version3, RenderOptions.Default);
        using var stream = new MemoryStream();
        var writer = new ArrayBufferWriter<byte>();

        PngRenderer.Render(Symbols.Version3, RenderOptions.Default, stream);
        PngRenderer.Render(Symbols.Version3, RenderOptions.Default, writer);

        Assert.Equal(expected, stream.ToArray());
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(ModuleShape.Circle)]
    [InlineData(ModuleShape.Rounded)]
    public void Render_ShapedModules_CentresMatchAndDataCornersAreLight(ModuleShape shape)
    {
        var symbol = Symbols.Version3;
        const int Scale = 10, Border = 4;

        var image = PngImage.Decode(PngRenderer.Render(symbol, new RenderOptions { Shape = shape }));

        for (var y = 0; y < symbol.Size; y++)
        {
            for (var x = 0; x < symbol.Size; x++)
            {
                int px = (x + Border) * Scale, py = (y + Border) * Scale;
                var expected = symbol[x, y] ? Rgba.Black : Rgba.White;
                Assert.Equal(expected, image[px + 5, py + 5]);
                if (Symbols.InFinder(symbol, x, y))
                {
                    // Square finders whatever the module shape: every pixel of the module.
                    Assert.Equal(expected, image[px, py]);
                    Assert.Equal(expected, image[px + 9, py + 9]);
                }
                else
                {
                    Assert.Equal(Rgba.White, image[px, py]);
                    Assert.Equal(Rgba.White, image[px + 9, py + 9]);
                    if (symbol[x, y])
                    {
                        Assert.Equal(Rgba.Black, image[px + 5, py]); // the middle of each edge is inside
                        Assert.Equal(Rgba.Black, image[px, py + 5]);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(FinderStyle.Circle)]
    [InlineData(FinderStyle.Rounded)]
    public void Render_StyledFinder_DrawsRingAndCentreWithLightCorners(FinderStyle finder)
    {
        var symbol = Symbols.Version3;
        var image = PngImage.Decode(PngRenderer.Render(symbol, new RenderOptions { Finder = finder }));

        foreach (var (fx, fy) in new[] { (4, 4), (4 + symbol.Size - 7, 4), (4, 4 + symbol.Size - 7) })
        {
            int x0 = fx * 10, y0 = fy * 10;
            Assert.Equal(Rgba.White, image[x0, y0]); // rounded-off outer corner
            Assert.Equal(Rgba.Black, image[x0 + 35, y0 + 5]); // ring, top middle
            Assert.Equal(Rgba.Black, image[x0 + 5, y0 + 35]); // ring, left middle
            Assert.Equal(Rgba.White, image[x0 + 35, y0 + 15]); // gap between ring and centre
            Assert.Equal(Rgba.Black, image[x0 + 35, y0 + 35]); // centre
            Assert.Equal(Rgba.White, image[x0 + 69, y0 + 69]);
        }

        // Data modules stay square.
        Assert.Equal(0, Mismatches(image, symbol, 4, 10, Rgba.Black, Rgba.White, skipFinders: true));
    }

    [Fact]
    public void Render_MicroWithStyledFinder_KeepsTheSquareFinder()
    {
        var micro = Symbols.Micro;

        var image = PngImage.Decode(PngRenderer.Render(micro, new RenderOptions { Scale = 5, Finder = FinderStyle.Circle }));

        Assert.Equal(0, Mismatches(image, micro, 2, 5, Rgba.Black, Rgba.White));
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PngRenderer.Render(null!));
        Assert.Throws<ArgumentNullException>(() => PngRenderer.Render(Symbols.Version1, null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => PngRenderer.Render(Symbols.Version1, RenderOptions.Default, (Stream)null!));
        Assert.Throws<ArgumentNullException>(() => PngRenderer.Render(Symbols.Version1, RenderOptions.Default, (IBufferWriter<byte>)null!));
    }

    /// <summary>Pixels that differ from the symbol drawn with square modules (optionally with one module flipped).</summary>
    private static int Mismatches(PngImage image, QrCode symbol, int border, int scale, Rgba dark, Rgba light,
        (int X, int Y)? flip = null, bool skipFinders = false)
    {
        var count = 0;
        for (var py = 0; py < image.Height; py++)
        {
            for (var px = 0; px < image.Width; px++)
            {
                int x = (px / scale) - border, y = (py / scale) - border;
                if (skipFinders && (uint)x < (uint)symbol.Size && (uint)y < (uint)symbol.Size && Symbols.InFinder(symbol, x, y))
                {
                    continue;
                }

                var isDark = symbol[x, y] ^ (flip == (x, y));
                var expected = isDark ? dark : light;
                var actual = image[px, py];
                if (expected.A == 0 ? actual.A != 0 : actual != expected)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
