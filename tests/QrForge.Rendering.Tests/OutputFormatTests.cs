using QrForge.Rendering.Tests.Support;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Rendering.Tests;

public class OutputFormatTests
{
    [Theory]
    [InlineData("png", "png")]
    [InlineData(".PNG", "png")]
    [InlineData("Svg", "svg")]
    [InlineData("pdf", "pdf")]
    [InlineData(".eps", "eps")]
    [InlineData("txt", "txt")]
    [InlineData(".txt", "txt")]
    [InlineData("ANSI", "ansi")]
    public void TryParse_NameOrExtension_FindsTheFormat(string value, string name)
    {
        Assert.True(OutputFormat.TryParse(value, out var format));
        Assert.Equal(name, format.Name);
        Assert.Same(format, OutputFormat.All.Single(f => f.Name == name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("gif")]
    [InlineData("png ")]
    public void TryParse_Unknown_IsFalse(string? value)
    {
        Assert.False(OutputFormat.TryParse(value, out var format));
        Assert.Null(format);
    }

    [Fact]
    public void All_ContentTypesAndExtensions_AreTheStandardOnes()
    {
        Assert.Equal(
            ["png image/png .png", "svg image/svg+xml .svg", "pdf application/pdf .pdf", "eps application/postscript .eps",
             "txt text/plain; charset=utf-8 .txt", "ansi text/plain; charset=utf-8 .txt"],
            OutputFormat.All.Select(f => $"{f.Name} {f.ContentType} {f.Extension}"));
        Assert.Equal([null, null, null, null, TextStyle.HalfBlocks, TextStyle.Ansi], OutputFormat.All.Select(f => f.TextStyle));
    }

    [Fact]
    public void Render_EachFormat_GivesItsRenderersBytes()
    {
        var symbol = Symbols.Version3;
        var options = new RenderOptions { Scale = 3, Border = 2, Shape = ModuleShape.Rounded };
        var text = new TextRenderOptions { Border = 2 };
        Assert.Equal(PngRenderer.Render(symbol, options), OutputFormat.Png.Render(symbol, options));
        Assert.Equal(PdfRenderer.Render(symbol, options), OutputFormat.Pdf.Render(symbol, options));
        Assert.Equal(SvgRenderer.Render(symbol, options), TextEncoding.ASCII.GetString(OutputFormat.Svg.Render(symbol, options)));
        Assert.Equal(EpsRenderer.Render(symbol, options), TextEncoding.ASCII.GetString(OutputFormat.Eps.Render(symbol, options)));
        Assert.Equal(TextRenderer.Render(symbol, text), TextEncoding.UTF8.GetString(OutputFormat.Text.Render(symbol, options)));
        Assert.Equal(TextRenderer.Render(symbol, text with { Style = TextStyle.Ansi }), TextEncoding.UTF8.GetString(OutputFormat.Ansi.Render(symbol, options)));
    }

    [Fact]
    public void Render_ToStream_GivesTheSameBytesAsTheArray()
    {
        foreach (var format in OutputFormat.All)
        {
            using var stream = new MemoryStream();
            format.Render(Symbols.Version1, RenderOptions.Default, stream);
            Assert.Equal(format.Render(Symbols.Version1, RenderOptions.Default), stream.ToArray());
        }
    }

    [Fact]
    public void Render_TextFormats_HaveNoByteOrderMark()
    {
        using var stream = new MemoryStream();
        OutputFormat.Text.Render(Symbols.Version1, RenderOptions.Default, stream);
        Assert.NotEqual(0xEF, stream.ToArray()[0]);
    }
}
