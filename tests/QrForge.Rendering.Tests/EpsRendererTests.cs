using System.Buffers;
using System.Text.RegularExpressions;
using QrForge.Rendering.Tests.Support;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Rendering.Tests;

public class EpsRendererTests
{
    [Fact]
    public void Render_Defaults_HasEpsfHeaderAndBoundingBox()
    {
        var eps = EpsRenderer.Render(Symbols.Version3);

        Assert.StartsWith("%!PS-Adobe-3.0 EPSF-3.0\n", eps, StringComparison.Ordinal);
        Assert.Contains("\n%%BoundingBox: 0 0 370 370\n", eps, StringComparison.Ordinal);
        Assert.Contains("\n%%HiResBoundingBox: 0 0 370 370\n", eps, StringComparison.Ordinal);
        Assert.Contains("\n%%EndComments\n", eps, StringComparison.Ordinal);
        Assert.Contains("\n1 1 1 setrgbcolor\n0 0 37 37 re\nfill\n0 0 0 setrgbcolor\n", eps, StringComparison.Ordinal);
        Assert.EndsWith("\n%%EOF\n", eps, StringComparison.Ordinal);
        Assert.Matches(new Regex("^[\\x20-\\x7E\\n]*$"), eps);
    }

    [Fact]
    public void Render_SizeMillimetres_RoundsBoundingBoxUp()
    {
        var eps = EpsRenderer.Render(Symbols.Version3, new RenderOptions { SizeMillimetres = 30 });

        Assert.Contains("\n%%BoundingBox: 0 0 86 86\n", eps, StringComparison.Ordinal);
        Assert.Contains("\n%%HiResBoundingBox: 0 0 85.0394 85.0394\n", eps, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Body_RectanglesCoverExactlyTheDarkModules()
    {
        var eps = EpsRenderer.Render(Symbols.Version3, new RenderOptions { Border = 2, Dark = new Rgba(0, 0, 255) });

        Assert.Contains("\n0 0 1 setrgbcolor\nnewpath\n", eps, StringComparison.Ordinal);
        Assert.Equal(Symbols.DarkSet(Symbols.Version3, 2), RunParser.OperatorRuns(eps));
    }

    [Fact]
    public void Render_TransparentLight_PaintsNoBackground()
    {
        var eps = EpsRenderer.Render(Symbols.Version1, new RenderOptions { Light = Rgba.Transparent });

        Assert.DoesNotContain("\nfill\n", eps, StringComparison.Ordinal);
        Assert.Contains("\neofill\n", eps, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AllOverloads_GiveTheSameText()
    {
        var options = new RenderOptions { Shape = ModuleShape.Rounded, Finder = FinderStyle.Circle };
        var expected = EpsRenderer.Render(Symbols.Version3, options);
        var writer = new StringWriter();
        var bytes = new ArrayBufferWriter<byte>();

        EpsRenderer.Render(Symbols.Version3, options, writer);
        EpsRenderer.Render(Symbols.Version3, options, bytes);

        Assert.Equal(expected, writer.ToString());
        Assert.Equal(expected, TextEncoding.ASCII.GetString(bytes.WrittenSpan));
        Assert.Contains(" c\n", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => EpsRenderer.Render(null!));
        Assert.Throws<ArgumentNullException>(() => EpsRenderer.Render(Symbols.Version1, null!, new StringWriter()));
        Assert.Throws<ArgumentNullException>(() => EpsRenderer.Render(Symbols.Version1, RenderOptions.Default, (TextWriter)null!));
    }
}
