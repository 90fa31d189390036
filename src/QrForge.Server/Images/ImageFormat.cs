using System.Diagnostics.CodeAnalysis;
using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Server.Images;

/// <summary>
/// The image formats the service serves: every <see cref="OutputFormat"/> of the renderers except the terminal's
/// <c>ansi</c>. Names, content types and renderers come from <see cref="OutputFormat"/>; this only narrows the set.
/// </summary>
public static class ImageFormat
{
    private static readonly OutputFormat[] Served = [.. OutputFormat.All.Where(f => f != OutputFormat.Ansi)];

    /// <summary>The names a request may ask for: <c>png</c>, <c>svg</c>, <c>pdf</c>, <c>eps</c>, <c>txt</c>.</summary>
    public static readonly string[] All = [.. Served.Select(f => f.Name)];

    /// <summary>Finds a served format by its exact name, ignoring case; false for anything else (also <c>ansi</c>).</summary>
    public static bool TryGet([NotNullWhen(true)] string? name, [NotNullWhen(true)] out OutputFormat? format)
    {
        foreach (var candidate in Served)
        {
            if (string.Equals(name, candidate.Name, StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        format = null;
        return false;
    }

    public static bool IsKnown(string? format) => TryGet(format, out _);

    /// <summary>The content type of a served format; plain UTF-8 text for a name that is not one.</summary>
    public static string ContentType(string format) => TryGet(format, out var f) ? f.ContentType : OutputFormat.Text.ContentType;

    /// <summary>Renders <paramref name="symbol"/>; identical inputs give identical bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not a served format.</exception>
    public static byte[] Render(QrCode symbol, string format, RenderOptions options) =>
        TryGet(format, out var f)
            ? f.Render(symbol, options)
            : throw new ArgumentException($"'{format}' is not a served image format.", nameof(format));
}
