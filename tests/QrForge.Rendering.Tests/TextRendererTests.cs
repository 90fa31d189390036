using QrForge.Encoding;
using QrForge.Rendering.Tests.Support;

namespace QrForge.Rendering.Tests;

public class TextRendererTests
{
    public static TheoryData<string> SymbolNames => ["v1", "v3", "micro"];

    [Theory]
    [MemberData(nameof(SymbolNames))]
    public void Render_HalfBlocks_ReconstructsTheModuleMatrix(string name)
    {
        var symbol = Pick(name);
        var border = symbol.IsMicro ? 2 : 4;
        var n = symbol.Size + (2 * border);

        var text = TextRenderer.Render(symbol);

        var lines = Lines(text);
        Assert.Equal((n + 1) / 2, lines.Length);
        for (var line = 0; line < lines.Length; line++)
        {
            Assert.Equal(n, lines[line].Length);
            for (var x = 0; x < n; x++)
            {
                var c = lines[line][x];
                Assert.Contains(c, " \u2580\u2584\u2588");
                Assert.Equal(Symbols.Dark(symbol, border, x, 2 * line), c is '\u2580' or '\u2588');
                Assert.Equal(Symbols.Dark(symbol, border, x, (2 * line) + 1), c is '\u2584' or '\u2588');
            }
        }
    }

    [Fact]
    public void Render_HalfBlocksInverted_DrawsLightModulesAsBlocks()
    {
        var symbol = Symbols.Version1;

        var lines = Lines(TextRenderer.Render(symbol, new TextRenderOptions { Invert = true, Border = 1 }));

        // 23 rows in 12 lines: the last line's lower half is past the image and light, so a block when inverted.
        Assert.Equal(12, lines.Length);
        Assert.Equal(new string('\u2588', 23), lines[^1]);
        for (var line = 0; line < lines.Length; line++)
        {
            for (var x = 0; x < 23; x++)
            {
                var c = lines[line][x];
                Assert.Equal(!Symbols.Dark(symbol, 1, x, 2 * line), c is '\u2580' or '\u2588');
                Assert.Equal(!Symbols.Dark(symbol, 1, x, (2 * line) + 1), c is '\u2584' or '\u2588');
            }
        }
    }

    [Fact]
    public void Render_Ascii_TwoCharactersPerModuleOneLinePerRow()
    {
        var symbol = Symbols.Micro;
        var n = symbol.Size + 4;

        var lines = Lines(TextRenderer.Render(symbol, new TextRenderOptions { Style = TextStyle.Ascii }));

        Assert.Equal(n, lines.Length);
        for (var y = 0; y < n; y++)
        {
            Assert.Equal(2 * n, lines[y].Length);
            for (var x = 0; x < n; x++)
            {
                Assert.Equal(Symbols.Dark(symbol, 2, x, y) ? "##" : "  ", lines[y].Substring(2 * x, 2));
            }
        }
    }

    [Fact]
    public void Render_AsciiInverted_SwapsCharacters()
    {
        var plain = TextRenderer.Render(Symbols.Version1, new TextRenderOptions { Style = TextStyle.Ascii, Border = 0 });
        var inverted = TextRenderer.Render(Symbols.Version1, new TextRenderOptions { Style = TextStyle.Ascii, Border = 0, Invert = true });

        Assert.Equal(plain.Replace('#', '.').Replace(' ', '#').Replace('.', ' '), inverted);
    }

    [Fact]
    public void Render_Ansi_ColoursReconstructMatrixAndEveryLineResets()
    {
        var symbol = Symbols.Version1;
        var n = symbol.Size + 8;

        var text = TextRenderer.Render(symbol, new TextRenderOptions { Style = TextStyle.Ansi });

        var lines = Lines(text);
        Assert.Equal((n + 1) / 2, lines.Length);
        for (var line = 0; line < lines.Length; line++)
        {
            Assert.StartsWith("\u001b[", lines[line], StringComparison.Ordinal);
            Assert.EndsWith("\u001b[0m", lines[line], StringComparison.Ordinal);
            bool top = false, bottom = false;
            var x = 0;
            var s = lines[line][..^4];
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] == '\u001b')
                {
                    // ESC [ 3 f ; 4 b m
                    Assert.Equal("[3", s.Substring(i + 1, 2));
                    top = s[i + 3] == '0';
                    bottom = s[i + 6] == '0';
                    Assert.Equal(";4", s.Substring(i + 4, 2));
                    Assert.Equal('m', s[i + 7]);
                    i += 7;
                    continue;
                }

                Assert.Equal('\u2580', s[i]);
                Assert.Equal(Symbols.Dark(symbol, 4, x, 2 * line), top);
                Assert.Equal(Symbols.Dark(symbol, 4, x, (2 * line) + 1), bottom);
                x++;
            }

            Assert.Equal(n, x);
        }
    }

    [Fact]
    public void Render_TextWriter_MatchesString()
    {
        var writer = new StringWriter();
        var options = new TextRenderOptions { Style = TextStyle.Ansi, Border = 2 };

        TextRenderer.Render(Symbols.Version3, options, writer);

        Assert.Equal(TextRenderer.Render(Symbols.Version3, options), writer.ToString());
    }

    [Theory]
    [InlineData(-1, TextStyle.HalfBlocks, "Border")]
    [InlineData(101, TextStyle.Ascii, "Border")]
    [InlineData(4, (TextStyle)7, "Style")]
    public void Render_InvalidOptions_ThrowNamingTheProperty(int border, TextStyle style, string property)
    {
        var options = new TextRenderOptions { Border = border, Style = style };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TextRenderer.Render(Symbols.Version1, options));

        Assert.Equal(property, e.ParamName);
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => TextRenderer.Render(null!));
        Assert.Throws<ArgumentNullException>(() => TextRenderer.Render(Symbols.Version1, null!, new StringWriter()));
        Assert.Throws<ArgumentNullException>(() => TextRenderer.Render(Symbols.Version1, TextRenderOptions.Default, null!));
    }

    private static QrCode Pick(string name) => name switch
    {
        "v1" => Symbols.Version1,
        "v3" => Symbols.Version3,
        _ => Symbols.Micro,
    };

    private static string[] Lines(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }
}
