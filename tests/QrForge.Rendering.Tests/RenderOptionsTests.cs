using QrForge.Encoding;
using QrForge.Rendering.Tests.Support;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Rendering.Tests;

public class RenderOptionsTests
{
    public static TheoryData<string, RenderOptions> InvalidOptions => new()
    {
        { "Scale", new RenderOptions { Scale = 0 } },
        { "Scale", new RenderOptions { Scale = 1001 } },
        { "Scale", new RenderOptions { Scale = -5 } },
        { "SizePixels", new RenderOptions { SizePixels = 0 } },
        { "SizePixels", new RenderOptions { SizePixels = 20_001 } },
        { "SizeMillimetres", new RenderOptions { SizeMillimetres = 0 } },
        { "SizeMillimetres", new RenderOptions { SizeMillimetres = -1 } },
        { "SizeMillimetres", new RenderOptions { SizeMillimetres = double.NaN } },
        { "SizeMillimetres", new RenderOptions { SizeMillimetres = double.PositiveInfinity } },
        { "SizeMillimetres", new RenderOptions { SizeMillimetres = 10, SizePixels = 100 } },
        { "SizeMillimetres", new RenderOptions { SizeMillimetres = 1e6 } },
        { "Dpi", new RenderOptions { Dpi = 0 } },
        { "Dpi", new RenderOptions { Dpi = 100_001 } },
        { "Border", new RenderOptions { Border = -1 } },
        { "Border", new RenderOptions { Border = 101 } },
        { "Shape", new RenderOptions { Shape = (ModuleShape)3 } },
        { "Finder", new RenderOptions { Finder = (FinderStyle)(-1) } },
        { "Scale", new RenderOptions { Scale = 1000 } }, // 37 modules · 1000 is over the 20,000 cap
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Renderers_InvalidOption_ThrowNamingTheProperty(string property, RenderOptions options)
    {
        var symbol = Symbols.Version3;

        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(() => PngRenderer.Render(symbol, options)).ParamName);
        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(() => SvgRenderer.Render(symbol, options)).ParamName);
        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(() => PdfRenderer.Render(symbol, options)).ParamName);
        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(() => EpsRenderer.Render(symbol, options)).ParamName);
    }

    [Fact]
    public void Png_TooManyPixels_SaysWhatTheLimitIs()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PngRenderer.Render(Symbols.Version3, new RenderOptions { Scale = 541 }));

        Assert.Contains("20017 pixels per side; the limit is 20000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_MillimetresAtHighDpiOverCap_NamesSizeMillimetres()
    {
        // 1 m at 600 dpi is 23,622 px; the same size is only 2,835 pt as a vector page.
        var options = new RenderOptions { SizeMillimetres = 1000, Dpi = 600 };

        Assert.Equal("SizeMillimetres", Assert.Throws<ArgumentOutOfRangeException>(() => PngRenderer.Render(Symbols.Version3, options)).ParamName);
        Assert.Contains("/MediaBox [0 0 2834.6457 2834.6457]", TextEncoding.Latin1.GetString(PdfRenderer.Render(Symbols.Version3, options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_LargestAllowedScale_IsAccepted()
    {
        var layout = RenderLayout.ForRaster(Symbols.Version3, new RenderOptions { Scale = 540 });

        Assert.Equal(19_980, layout.Pixels);
    }

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 2)]
    public void Layout_NullBorder_IsTheStandardQuietZone(bool micro, int border)
    {
        var symbol = QrCode.EncodeText("1", new QrEncodeOptions { Micro = micro });

        var layout = RenderLayout.ForVector(symbol, RenderOptions.Default);

        Assert.Equal(border, layout.Border);
        Assert.Equal(symbol.Size + (2 * border), layout.Modules);
    }

    [Fact]
    public void Default_IsTenPixelsBlackOnWhiteSquare()
    {
        var d = RenderOptions.Default;

        Assert.Equal(10, d.Scale);
        Assert.Equal(300, d.Dpi);
        Assert.Null(d.Border);
        Assert.Equal(Rgba.Black, d.Dark);
        Assert.Equal(Rgba.White, d.Light);
        Assert.Equal(ModuleShape.Square, d.Shape);
        Assert.Equal(FinderStyle.Square, d.Finder);
    }
}
