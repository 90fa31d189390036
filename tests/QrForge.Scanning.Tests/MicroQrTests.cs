using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

public class MicroQrTests
{
    public static TheoryData<int, Ecc, int> Symbols()
    {
        var data = new TheoryData<int, Ecc, int>();
        foreach (var (version, levels) in new[] { (1, new[] { Ecc.L }), (2, new[] { Ecc.L, Ecc.M }), (3, new[] { Ecc.L, Ecc.M }), (4, new[] { Ecc.L, Ecc.M, Ecc.Q }) })
        {
            foreach (var ecc in levels)
            {
                for (var mask = 0; mask < 4; mask++)
                {
                    data.Add(version, ecc, mask);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void Read_EveryMicroVersionLevelAndMask_ReturnsText(int version, Ecc ecc, int mask)
    {
        var text = version switch { 1 => "12345", 2 => "ABC12", 3 => "Micro3", _ => "MICRO QR M4" };
        var options = new QrEncodeOptions { Micro = true, Ecc = ecc, MinVersion = version, MaxVersion = version, Mask = mask };
        var code = QrCode.EncodeText(text, options);

        var symbol = Assert.Single(Raster.Read(code, scale: 4).Symbols);

        Assert.True(symbol.IsMicro);
        Assert.Equal(text, symbol.Text);
        Assert.Equal(version, symbol.Version);
        Assert.Equal(mask, symbol.Mask);
        if (version > 1)
        {
            Assert.Equal(ecc, symbol.Ecc);
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(false, 3)]
    [InlineData(true, 0)]
    [InlineData(true, 1)]
    public void Read_MicroRotatedOrMirrored_ReturnsText(bool mirror, int quarterTurns)
    {
        var code = QrCode.EncodeText("ROTATE 90", new QrEncodeOptions { Micro = true });
        var (pixels, width, height) = Raster.Render(code, scale: 5);
        for (var t = 0; t < quarterTurns; t++)
        {
            var turned = new byte[pixels.Length];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    turned[(x * width) + (width - 1 - y)] = pixels[(y * width) + x];
                }
            }

            pixels = turned;
        }

        if (mirror)
        {
            pixels = Raster.Mirror(pixels, width, height);
        }

        var symbol = Assert.Single(Raster.Read((pixels, width, height)).Symbols);

        Assert.Equal("ROTATE 90", symbol.Text);
        Assert.Equal(mirror, symbol.IsMirrored);
    }

    [Theory]
    [InlineData("M1", "L", "12345")]
    [InlineData("M2", "M", "HI 42")]
    [InlineData("M3", "L", "segno µ")]
    [InlineData("M4", "Q", "SEGNO M4-Q")]
    public void Read_SegnoMicro_ReturnsText(string version, string level, string text)
    {
        using var temp = Tools.TempDirectory();
        var file = temp.File("m.png");
        Tools.Run(Tools.Python, "-c",
            "import sys, segno; segno.make(sys.argv[1], version=sys.argv[2], error=sys.argv[3] if sys.argv[2] != 'M1' else None, micro=True, boost_error=False).save(sys.argv[4], scale=4)",
            text, version, level, file);

        var symbol = Assert.Single(Scanner.Read(File.ReadAllBytes(file)).Symbols);

        Assert.True(symbol.IsMicro);
        Assert.Equal(text, symbol.Text);
        Assert.Equal(version[1] - '0', symbol.Version);
    }

    [Theory]
    [InlineData(2, "M", "ABC")]
    [InlineData(3, "L", "qrencode")]
    [InlineData(4, "L", "qrencode M4")]
    public void Read_QrencodeMicro_ReturnsText(int version, string level, string text)
    {
        using var temp = Tools.TempDirectory();
        var file = temp.File("m.png");
        Tools.Run("qrencode", "-M", "-v", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", level, "-s", "4", "-o", file, text);

        var symbol = Assert.Single(Scanner.Read(File.ReadAllBytes(file)).Symbols);

        Assert.Equal(text, symbol.Text);
        Assert.Equal(version, symbol.Version);
    }

    [Fact]
    public void Read_MicroNextToQrCode_ReturnsBoth()
    {
        var micro = Raster.Render(QrCode.EncodeText("MICRO", new QrEncodeOptions { Micro = true }), scale: 4);
        var qr = Raster.Render(QrCode.EncodeText("full size", Ecc.M), scale: 4);

        var result = Raster.Read(Raster.SideBySide(micro, qr));

        Assert.Equal(["MICRO", "full size"], result.Symbols.Select(s => s.Text).Order());
    }

    [Theory]
    [InlineData(12)]
    [InlineData(30)]
    [InlineData(45)]
    [InlineData(137)]
    [InlineData(250)]
    public void Read_MicroAtAnAngle_ReturnsText(int degrees)
    {
        var code = QrCode.EncodeText("ANGLED MICRO", new QrEncodeOptions { Micro = true, Ecc = Ecc.M });
        using var source = Png.ToBitmap(Raster.Render(code, scale: 6, quietZone: 3));
        var side = (int)(source.Width * 1.5);
        using var rotated = new SkiaSharp.SKBitmap(side, side, SkiaSharp.SKColorType.Gray8, SkiaSharp.SKAlphaType.Opaque);
        using (var canvas = new SkiaSharp.SKCanvas(rotated))
        {
            canvas.Clear(SkiaSharp.SKColors.White);
            canvas.Translate(side / 2f, side / 2f);
            canvas.RotateDegrees(degrees);
            canvas.Translate(-source.Width / 2f, -source.Height / 2f);
            using var image = SkiaSharp.SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear));
        }

        using var png = rotated.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var symbol = Assert.Single(Scanner.Read(png.ToArray()).Symbols);

        Assert.True(symbol.IsMicro);
        Assert.Equal("ANGLED MICRO", symbol.Text);
    }
}
