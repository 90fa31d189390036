using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using QrForge.Rendering.Tests.Support;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Rendering.Tests;

public class PdfRendererTests
{
    [Fact]
    public void Render_Defaults_HasHeaderXrefTrailerAndEof()
    {
        var pdf = PdfRenderer.Render(Symbols.Version3);
        var text = TextEncoding.Latin1.GetString(pdf);

        Assert.StartsWith("%PDF-1.4\n%", text, StringComparison.Ordinal);
        Assert.True(pdf[10] > 127 && pdf[11] > 127 && pdf[12] > 127 && pdf[13] > 127);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);

        var startxref = int.Parse(Regex.Match(text, @"startxref\n(\d+)\n%%EOF\n$").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal("xref\n0 5\n", text.Substring(startxref, 9));
        var entries = text.Substring(startxref + 9, 5 * 20);
        Assert.Equal("0000000000 65535 f \n", entries[..20]);
        for (var i = 1; i < 5; i++)
        {
            var entry = entries.Substring(i * 20, 20);
            Assert.Matches(@"^\d{10} 00000 n \n$", entry);
            var offset = int.Parse(entry[..10], CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }

        Assert.Contains("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n", text, StringComparison.Ordinal);
        Assert.Contains("/Type /Catalog /Pages 2 0 R", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Date", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "370")]
    [InlineData(3, null, "111")]
    [InlineData(null, 50.0, "141.7323")]
    public void Render_Size_SetsMediaBoxInPoints(int? scale, double? millimetres, string side)
    {
        var options = new RenderOptions { Scale = scale ?? 10, SizeMillimetres = millimetres };

        var text = TextEncoding.Latin1.GetString(PdfRenderer.Render(Symbols.Version3, options));

        Assert.Contains($"/MediaBox [0 0 {side} {side}]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Content_RectanglesCoverExactlyTheDarkModules()
    {
        var content = Content(PdfRenderer.Render(Symbols.Version3));

        Assert.StartsWith("q\n10 0 0 -10 0 370 cm\n1 1 1 rg\n0 0 37 37 re\nf\n0 0 0 rg\n", content, StringComparison.Ordinal);
        Assert.EndsWith("f*\nQ\n", content, StringComparison.Ordinal);
        Assert.Equal(Symbols.DarkSet(Symbols.Version3, 4), RunParser.OperatorRuns(content));
    }

    [Fact]
    public void Render_Micro_RectanglesCoverExactlyTheDarkModules()
    {
        var content = Content(PdfRenderer.Render(Symbols.Micro, new RenderOptions { Border = 0 }));

        Assert.Equal(Symbols.DarkSet(Symbols.Micro, 0), RunParser.OperatorRuns(content));
    }

    [Fact]
    public void Render_AlphaAndTransparentLight_UseExtGStateAndSkipBackground()
    {
        var options = new RenderOptions { Dark = new Rgba(255, 0, 0, 51), Light = Rgba.Transparent };

        var pdf = PdfRenderer.Render(Symbols.Version1, options);

        var text = TextEncoding.Latin1.GetString(pdf);
        Assert.Contains("/ExtGState << /GD << /ca 0.2 >> >>", text, StringComparison.Ordinal);
        var content = Content(pdf);
        Assert.DoesNotContain(" 0 29 29 re", content, StringComparison.Ordinal);
        Assert.Contains("/GD gs\n1 0 0 rg\n", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShapedModules_UsesBezierCurves()
    {
        var content = Content(PdfRenderer.Render(Symbols.Version1, new RenderOptions { Shape = ModuleShape.Circle, Finder = FinderStyle.Circle }));

        Assert.Contains(" c\n", content, StringComparison.Ordinal);
        Assert.DoesNotContain(" 1 re\n", content, StringComparison.Ordinal); // no square modules left
    }

    [Fact]
    public void Render_SameInputsAndAllOverloads_GiveIdenticalBytes()
    {
        var expected = PdfRenderer.Render(Symbols.Version3, RenderOptions.Default);
        using var stream = new MemoryStream();
        var writer = new ArrayBufferWriter<byte>();

        PdfRenderer.Render(Symbols.Version3, RenderOptions.Default, stream);
        PdfRenderer.Render(Symbols.Version3, RenderOptions.Default, writer);

        Assert.Equal(expected, PdfRenderer.Render(Symbols.Version3));
        Assert.Equal(expected, stream.ToArray());
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PdfRenderer.Render(null!));
        Assert.Throws<ArgumentNullException>(() => PdfRenderer.Render(Symbols.Version1, null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => PdfRenderer.Render(Symbols.Version1, RenderOptions.Default, (Stream)null!));
        Assert.Throws<ArgumentNullException>(() => PdfRenderer.Render(Symbols.Version1, RenderOptions.Default, (IBufferWriter<byte>)null!));
    }

    /// <summary>The inflated content stream of object 4.</summary>
    private static string Content(byte[] pdf)
    {
        var text = TextEncoding.Latin1.GetString(pdf);
        var m = Regex.Match(text, @"4 0 obj\n<< /Length (\d+) /Filter /FlateDecode >>\nstream\n");
        Assert.True(m.Success);
        var length = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var start = m.Index + m.Length;
        Assert.Equal("\nendstream\nendobj\n", text.Substring(start + length, 18));
        using var zlib = new ZLibStream(new MemoryStream(pdf, start, length), CompressionMode.Decompress);
        using var reader = new StreamReader(zlib, TextEncoding.Latin1);
        return reader.ReadToEnd();
    }
}
