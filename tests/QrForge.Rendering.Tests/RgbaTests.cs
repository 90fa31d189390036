namespace QrForge.Rendering.Tests;

public class RgbaTests
{
    [Theory]
    [InlineData("000000", 0, 0, 0, 255)]
    [InlineData("#FFFFFF", 255, 255, 255, 255)]
    [InlineData("#1a2B3c", 0x1A, 0x2B, 0x3C, 255)]
    [InlineData("1A2B3C4D", 0x1A, 0x2B, 0x3C, 0x4D)]
    [InlineData("#00000000", 0, 0, 0, 0)]
    public void TryParse_ValidHex_GivesComponents(string text, int r, int g, int b, int a)
    {
        Assert.True(Rgba.TryParse(text, out var color));

        Assert.Equal(new Rgba((byte)r, (byte)g, (byte)b, (byte)a), color);
        Assert.Equal(color, Rgba.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("#FFF")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("##123456")]
    [InlineData(" 123456")]
    [InlineData("123456 ")]
    [InlineData("0x123456")]
    [InlineData("+12345")]
    [InlineData("#GG0000")]
    [InlineData("１２３４５６")]
    [InlineData("red")]
    public void TryParse_AnythingElse_IsFalse(string text)
    {
        Assert.False(Rgba.TryParse(text, out var color));
        Assert.Equal(default, color);
        Assert.Throws<FormatException>(() => Rgba.Parse(text));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullAndTryParseIsFalse()
    {
        Assert.False(Rgba.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => Rgba.Parse(null!));
    }

    [Theory]
    [InlineData(0x1A, 0x2B, 0x3C, 255, "1A2B3C")]
    [InlineData(0, 0, 0, 0, "00000000")]
    [InlineData(255, 254, 253, 128, "FFFEFD80")]
    public void ToString_IsUpperHexWithAlphaOnlyWhenNotOpaque(int r, int g, int b, int a, string expected)
    {
        var color = new Rgba((byte)r, (byte)g, (byte)b, (byte)a);

        Assert.Equal(expected, color.ToString());
        Assert.Equal(color, Rgba.Parse(color.ToString()));
    }

    [Fact]
    public void Constants_AreOpaqueBlackWhiteAndTransparent()
    {
        Assert.Equal("000000", Rgba.Black.ToString());
        Assert.Equal("FFFFFF", Rgba.White.ToString());
        Assert.Equal(0, Rgba.Transparent.A);
        Assert.True(Rgba.White.IsOpaque);
        Assert.False(Rgba.Transparent.IsOpaque);
    }
}
