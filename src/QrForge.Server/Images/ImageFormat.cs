using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Server.Images;

/// <summary>The image formats a code is served in, with their content types and renderers.</summary>
public static class ImageFormat
{
    public static readonly string[] All = ["png", "svg", "pdf", "eps", "txt"];

    public static bool IsKnown(string? format) => format is not null && Array.IndexOf(All, format.ToLowerInvariant()) >= 0;

    public static string ContentType(string format) => format switch
    {
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "eps" => "application/postscript",
        _ => "text/plain; charset=utf-8",
    };

    /// <summary>Renders <paramref name="symbol"/>; identical inputs give identical bytes.</summary>
    public static byte[] Render(QrCode symbol, string format, RenderOptions options) => format switch
    {
        "png" => PngRenderer.Render(symbol, options),
        "svg" => System.Text.Encoding.UTF8.GetBytes(SvgRenderer.Render(symbol, options)),
        "pdf" => PdfRenderer.Render(symbol, options),
        "eps" => System.Text.Encoding.UTF8.GetBytes(EpsRenderer.Render(symbol, options)),
        _ => System.Text.Encoding.UTF8.GetBytes(TextRenderer.Render(symbol, new TextRenderOptions { Border = options.Border })),
    };
}
