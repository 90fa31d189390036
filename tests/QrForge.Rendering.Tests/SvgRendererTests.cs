using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using QrForge.Encoding;
using QrForge.Rendering.Tests.Support;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Rendering.Tests;

public class SvgRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_Defaults_IsValidSvgWithSizeAndViewBox()
    {
        var root = XDocument.Parse(SvgRenderer.Render(Symbols.Version3)).Root!;

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("370", (string?)root.Attribute("width"));
        Assert.Equal("370", (string?)root.Attribute("height"));
        Assert.Equal("0 0 37 37", (string?)root.Attribute("viewBox"));
        Assert.Equal("crispEdges", (string?)root.Attribute("shape-rendering"));
        var rect = Assert.Single(root.Elements(Svg + "rect"));
        Assert.Equal("#FFFFFF", (string?)rect.Attribute("fill"));
        Assert.Equal("37", (string?)rect.Attribute("width"));
        var path = Assert.Single(root.Elements(Svg + "path"));
        Assert.Equal("#000000", (string?)path.Attribute("fill"));
        Assert.Null(path.Attribute("fill-opacity"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(13)]
    public void Render_SquareModules_PathCoversExactlyTheDarkModules(int border)
    {
        foreach (var symbol in new[] { Symbols.Version1, Symbols.Version3, Symbols.Micro, QrCode.EncodeText(new string('x', 300), Ecc.H) })
        {
            var root = XDocument.Parse(SvgRenderer.Render(symbol, new RenderOptions { Border = border })).Root!;

            var d = (string)root.Element(Svg + "path")!.Attribute("d")!;
            Assert.Equal(Symbols.DarkSet(symbol, border), RunParser.SvgRuns(d));
        }
    }

    [Fact]
    public void PathComparison_OneFlippedModule_Differs()
    {
        var d = (string)XDocument.Parse(SvgRenderer.Render(Symbols.Version3)).Root!.Element(Svg + "path")!.Attribute("d")!;
        var expected = Symbols.DarkSet(Symbols.Version3, 4);

        expected.SymmetricExceptWith([(14, 16)]);

        Assert.NotEqual(expected, RunParser.SvgRuns(d));
    }

    [Fact]
    public void Render_SizeMillimetres_WritesMillimetreSize()
    {
        var root = XDocument.Parse(SvgRenderer.Render(Symbols.Version3, new RenderOptions { SizeMillimetres = 25.5 })).Root!;

        Assert.Equal("25.5mm", (string?)root.Attribute("width"));
        Assert.Equal("25.5mm", (string?)root.Attribute("height"));
        Assert.Equal("0 0 37 37", (string?)root.Attribute("viewBox"));
    }

    [Fact]
    public void Render_SizePixels_UsesWholeScale()
    {
        var root = XDocument.Parse(SvgRenderer.Render(Symbols.Version3, new RenderOptions { SizePixels = 100 })).Root!;

        Assert.Equal("74", (string?)root.Attribute("width"));
    }

    [Fact]
    public void Render_ColoursWithAlpha_WriteHexAndOpacity()
    {
        var options = new RenderOptions { Dark = Rgba.Parse("1a2B3c80"), Light = Rgba.Parse("#FFFFF0") };

        var root = XDocument.Parse(SvgRenderer.Render(Symbols.Version1, options)).Root!;

        var path = root.Element(Svg + "path")!;
        Assert.Equal("#1A2B3C", (string?)path.Attribute("fill"));
        Assert.Equal("0.502", (string?)path.Attribute("fill-opacity"));
        Assert.Equal("#FFFFF0", (string?)root.Element(Svg + "rect")!.Attribute("fill"));
    }

    [Fact]
    public void Render_TransparentLight_HasNoBackground()
    {
        var root = XDocument.Parse(SvgRenderer.Render(Symbols.Version1, new RenderOptions { Light = Rgba.Transparent })).Root!;

        Assert.Empty(root.Elements(Svg + "rect"));
        Assert.Single(root.Elements(Svg + "path"));
    }

    [Theory]
    [InlineData(ModuleShape.Circle, "a0.5 0.5 0 0 1 1 0a0.5 0.5 0 0 1 -1 0z")]
    [InlineData(ModuleShape.Rounded, "h0.5a0.25 0.25 0 0 1 0.25 0.25v0.5a0.25 0.25 0 0 1 -0.25 0.25h-0.5a0.25 0.25 0 0 1 -0.25 -0.25v-0.5a0.25 0.25 0 0 1 0.25 -0.25z")]
    public void Render_ShapedModules_OneArcShapePerDarkDataModule(ModuleShape shape, string tail)
    {
        var symbol = Symbols.Version3;

        var root = XDocument.Parse(SvgRenderer.Render(symbol, new RenderOptions { Shape = shape })).Root!;

        var path = root.Element(Svg + "path")!;
        Assert.Equal("evenodd", (string?)path.Attribute("fill-rule"));
        Assert.Null(root.Attribute("shape-rendering"));
        var d = (string)path.Attribute("d")!;
        var shapes = new HashSet<(int, int)>();
        var squares = new System.Text.StringBuilder();
        var offsetX = shape == ModuleShape.Circle ? 0 : 0.25;
        var offsetY = shape == ModuleShape.Circle ? 0.5 : 0;
        foreach (var part in d.Split('M', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.EndsWith(tail, StringComparison.Ordinal))
            {
                var xy = part[..^tail.Length].Split(' ');
                var x = double.Parse(xy[0], CultureInfo.InvariantCulture) - offsetX;
                var y = double.Parse(xy[1], CultureInfo.InvariantCulture) - offsetY;
                Assert.True(shapes.Add(((int)x, (int)y)));
                Assert.Equal(Math.Floor(x), x);
                Assert.Equal(Math.Floor(y), y);
            }
            else
            {
                squares.Append('M').Append(part);
            }
        }

        var expectedShapes = new HashSet<(int, int)>();
        var expectedSquares = new HashSet<(int, int)>();
        foreach (var (x, y) in Symbols.DarkSet(symbol, 4))
        {
            (Symbols.InFinder(symbol, x - 4, y - 4) ? expectedSquares : expectedShapes).Add((x, y));
        }

        Assert.Equal(expectedShapes, shapes);
        Assert.Equal(expectedSquares, RunParser.SvgRuns(squares.ToString()));
    }

    [Theory]
    [InlineData(FinderStyle.Rounded, "M6 4h3a2 2 0 0 1 2 2v3a2 2 0 0 1 -2 2h-3a2 2 0 0 1 -2 -2v-3a2 2 0 0 1 2 -2z")]
    [InlineData(FinderStyle.Circle, "M4 7.5a3.5 3.5 0 0 1 7 0a3.5 3.5 0 0 1 -7 0z")]
    public void Render_StyledFinder_DrawsThreeOutlinesPerFinder(FinderStyle finder, string firstOutline)
    {
        var symbol = Symbols.Version3;

        var root = XDocument.Parse(SvgRenderer.Render(symbol, new RenderOptions { Finder = finder })).Root!;

        var d = (string)root.Element(Svg + "path")!.Attribute("d")!;
        var runsEnd = d.IndexOf(firstOutline, StringComparison.Ordinal);
        Assert.True(runsEnd > 0, d);
        var outlines = d[runsEnd..];
        Assert.Equal(9, outlines.Count(c => c == 'M'));
        var expected = Symbols.DarkSet(symbol, 4);
        expected.RemoveWhere(m => Symbols.InFinder(symbol, m.X - 4, m.Y - 4));
        Assert.Equal(expected, RunParser.SvgRuns(d[..runsEnd]));
    }

    [Fact]
    public void Render_AllOverloads_GiveTheSameDocument()
    {
        var expected = SvgRenderer.Render(Symbols.Version3, RenderOptions.Default);
        var writer = new StringWriter();
        var bytes = new ArrayBufferWriter<byte>();

        SvgRenderer.Render(Symbols.Version3, RenderOptions.Default, writer);
        SvgRenderer.Render(Symbols.Version3, RenderOptions.Default, bytes);

        Assert.Equal(expected, writer.ToString());
        Assert.Equal(expected, TextEncoding.UTF8.GetString(bytes.WrittenSpan));
        Assert.Equal(expected, SvgRenderer.Render(Symbols.Version3));
        Assert.Matches(new Regex("^[\\x20-\\x7E\\n]*$"), expected);
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => SvgRenderer.Render(null!));
        Assert.Throws<ArgumentNullException>(() => SvgRenderer.Render(Symbols.Version1, null!, new StringWriter()));
        Assert.Throws<ArgumentNullException>(() => SvgRenderer.Render(Symbols.Version1, RenderOptions.Default, (TextWriter)null!));
        Assert.Throws<ArgumentNullException>(() => SvgRenderer.Render(Symbols.Version1, RenderOptions.Default, (IBufferWriter<byte>)null!));
    }
}
