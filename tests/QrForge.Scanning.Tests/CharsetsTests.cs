using TextEncoding = System.Text.Encoding;

namespace QrForge.Scanning.Tests;

/// <summary>The charset guess for byte-mode data without an ECI (Charsets.Guess).</summary>
public class CharsetsTests
{
    static CharsetsTests() => TextEncoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    private static TextEncoding ShiftJis => TextEncoding.GetEncoding("shift_jis");

    [Theory]
    [InlineData("Google モバイル\r\nhttp://google.jp")]       // full-width katakana: double-byte characters
    [InlineData("*ﾃﾞｻﾞｲﾝQR*\r\nhttp://d-qr.net/ex/")]        // half-width katakana: single bytes 0xA1–0xDF
    [InlineData("東京都千代田区")]
    public void Guess_ShiftJisBytesWithoutEci_DecodesAsShiftJis(string text)
    {
        var bytes = ShiftJis.GetBytes(text);

        Assert.Equal(text, Charsets.Decode(bytes, null, kanji: false));
    }

    [Theory]
    [InlineData("Grüße aus Köln — ½ €")]
    [InlineData("モバイル")]
    public void Guess_Utf8BytesWithoutEci_DecodesAsUtf8(string text)
    {
        Assert.Equal(text, Charsets.Decode(TextEncoding.UTF8.GetBytes(text), null, kanji: false));
    }

    [Theory]
    [InlineData("caf\u00e9 \u00ff")]
    [InlineData("Stra\u00dfe M\u00fcller")]
    [InlineData("segno \u00b5")]   // one byte that is also a half-width katakana
    [InlineData("25 \u00b0C")]
    public void Guess_Latin1BytesWithoutEci_DecodesAsLatin1(string text)
    {
        Assert.Equal(text, Charsets.Decode(TextEncoding.Latin1.GetBytes(text), null, kanji: false));
    }

    [Fact]
    public void Guess_PlainAscii_DecodesUnchanged()
    {
        Assert.Equal("https://qrforge.example/r/abc", Charsets.Decode("https://qrforge.example/r/abc"u8.ToArray(), null, kanji: false));
    }

    [Fact]
    public void Guess_ShiftJisBytesWithEci3_KeepsTheNamedCharset()
    {
        // The negative control: an ECI overrides the guess, so the same bytes read as ISO-8859-1.
        var bytes = ShiftJis.GetBytes("モバイル");

        Assert.NotEqual("モバイル", Charsets.Decode(bytes, 3, kanji: false));
    }
}
