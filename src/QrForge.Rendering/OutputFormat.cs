using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// One output format of the renderers: its name, file extension and content type, and how to render a symbol into
/// it. The one place that maps a format name to a renderer, for the CLI and the server alike.
/// </summary>
/// <remarks>
/// <para>The instances are fixed (<see cref="All"/>); compare them by reference. Text formats (<see cref="Text"/>,
/// <see cref="Ansi"/>) take only <see cref="RenderOptions.Border"/> from the render options and are written as UTF-8
/// without a byte order mark; SVG and EPS are pure ASCII.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class OutputFormat
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private OutputFormat(string name, string contentType, string extension, TextStyle? textStyle)
    {
        Name = name;
        ContentType = contentType;
        Extension = extension;
        TextStyle = textStyle;
    }

    /// <summary>PNG (<c>png</c>, <c>image/png</c>), drawn by <see cref="PngRenderer"/>.</summary>
    public static OutputFormat Png { get; } = new("png", "image/png", ".png", null);

    /// <summary>SVG (<c>svg</c>, <c>image/svg+xml</c>), drawn by <see cref="SvgRenderer"/>.</summary>
    public static OutputFormat Svg { get; } = new("svg", "image/svg+xml", ".svg", null);

    /// <summary>A one-page PDF (<c>pdf</c>, <c>application/pdf</c>), drawn by <see cref="PdfRenderer"/>.</summary>
    public static OutputFormat Pdf { get; } = new("pdf", "application/pdf", ".pdf", null);

    /// <summary>Encapsulated PostScript (<c>eps</c>, <c>application/postscript</c>), drawn by <see cref="EpsRenderer"/>.</summary>
    public static OutputFormat Eps { get; } = new("eps", "application/postscript", ".eps", null);

    /// <summary>Unicode half blocks (<c>txt</c>, <c>text/plain; charset=utf-8</c>), drawn by <see cref="TextRenderer"/>.</summary>
    public static OutputFormat Text { get; } = new("txt", "text/plain; charset=utf-8", ".txt", Rendering.TextStyle.HalfBlocks);

    /// <summary>Half blocks with ANSI colours for terminals (<c>ansi</c>), which read the same on light and dark backgrounds.</summary>
    public static OutputFormat Ansi { get; } = new("ansi", "text/plain; charset=utf-8", ".txt", Rendering.TextStyle.Ansi);

    /// <summary>Every format, in the order above.</summary>
    public static IReadOnlyList<OutputFormat> All { get; } = [Png, Svg, Pdf, Eps, Text, Ansi];

    /// <summary>The short lower-case name: <c>png</c>, <c>svg</c>, <c>pdf</c>, <c>eps</c>, <c>txt</c> or <c>ansi</c>.</summary>
    public string Name { get; }

    /// <summary>The MIME type, e.g. <c>image/svg+xml</c>.</summary>
    public string ContentType { get; }

    /// <summary>The file extension with its dot, e.g. <c>.png</c> (<c>.txt</c> for both text formats).</summary>
    public string Extension { get; }

    /// <summary>The text style of a text format; null for the image formats.</summary>
    public TextStyle? TextStyle { get; }

    /// <summary>
    /// Finds a format by name or extension, ignoring case and a leading dot: <c>png</c>, <c>.PNG</c>, <c>txt</c>,
    /// <c>ansi</c>. False for null, empty or unknown text.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out OutputFormat? format)
    {
        var name = value.AsSpan().TrimStart('.');
        foreach (var candidate in All)
        {
            if (name.Equals(candidate.Name, StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        format = null;
        return false;
    }

    /// <summary>Renders <paramref name="symbol"/> into <paramref name="destination"/>; identical inputs give identical bytes.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range for this format's renderer.</exception>
    public void Render(QrCode symbol, RenderOptions options, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        if (this == Png)
        {
            PngRenderer.Render(symbol, options, destination);
        }
        else if (this == Pdf)
        {
            PdfRenderer.Render(symbol, options, destination);
        }
        else
        {
            using var writer = new StreamWriter(destination, Utf8NoBom, bufferSize: 16384, leaveOpen: true);
            RenderText(symbol, options, writer);
        }
    }

    /// <summary>Renders <paramref name="symbol"/> as a byte array; identical inputs give identical bytes.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range for this format's renderer.</exception>
    public byte[] Render(QrCode symbol, RenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        if (this == Png)
        {
            return PngRenderer.Render(symbol, options);
        }

        if (this == Pdf)
        {
            return PdfRenderer.Render(symbol, options);
        }

        if (TextStyle is not null)
        {
            return Utf8NoBom.GetBytes(TextRenderer.Render(symbol, TextOptions(options)));
        }

        var buffer = new ArrayBufferWriter<byte>();
        if (this == Svg)
        {
            SvgRenderer.Render(symbol, options, buffer);
        }
        else
        {
            EpsRenderer.Render(symbol, options, buffer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The name, e.g. <c>png</c>.</summary>
    public override string ToString() => Name;

    private void RenderText(QrCode symbol, RenderOptions options, TextWriter writer)
    {
        if (this == Svg)
        {
            SvgRenderer.Render(symbol, options, writer);
        }
        else if (this == Eps)
        {
            EpsRenderer.Render(symbol, options, writer);
        }
        else
        {
            TextRenderer.Render(symbol, TextOptions(options), writer);
        }
    }

    private TextRenderOptions TextOptions(RenderOptions options) => new() { Style = TextStyle!.Value, Border = options.Border };
}
