using System.Buffers;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// Text output: Unicode half blocks, ASCII, or ANSI-coloured terminal output. The quiet zone is included and every
/// line, the last too, ends with <c>"\n"</c>.
/// </summary>
/// <remarks>
/// <para>With half blocks and ANSI, a line holds two module rows; the symbol and its quiet zone have an odd number of
/// rows, so the last line's lower half is an extra light row. By default dark modules are drawn as block characters (ink
/// on paper); see <see cref="TextRenderOptions.Invert"/> for terminals with a dark background.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class TextRenderer
{
    private const char Upper = '\u2580'; // ▀
    private const char Lower = '\u2584'; // ▄
    private const char Full = '\u2588'; // █

    /// <summary>Writes the symbol as text in the given style.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TextRenderOptions.Border"/> or <see cref="TextRenderOptions.Style"/> is out of range.</exception>
    public static void Render(QrCode symbol, TextRenderOptions options, TextWriter destination)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        var chars = Build(symbol, options, out var length);
        try
        {
            destination.Write(chars, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The symbol as text in the given style.</summary>
    /// <param name="symbol">The symbol to draw.</param>
    /// <param name="options">How to draw it; null means <see cref="TextRenderOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TextRenderOptions.Border"/> or <see cref="TextRenderOptions.Style"/> is out of range.</exception>
    public static string Render(QrCode symbol, TextRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var chars = Build(symbol, options ?? TextRenderOptions.Default, out var length);
        try
        {
            return new string(chars, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static char[] Build(QrCode symbol, TextRenderOptions options, out int length)
    {
        if (options.Border is int b && b is < 0 or > 100)
        {
            RenderLayout.ThrowRange(nameof(TextRenderOptions.Border), b, "Border must be 0–100 modules.");
        }

        if (!Enum.IsDefined(options.Style))
        {
            RenderLayout.ThrowRange(nameof(TextRenderOptions.Style), options.Style, "Style must be HalfBlocks, Ascii or Ansi.");
        }

        var border = options.Border ?? (symbol.IsMicro ? 2 : 4);
        var n = symbol.Size + (2 * border);
        var lines = (n + 1) / 2;
        var capacity = options.Style switch
        {
            TextStyle.Ascii => n * ((2 * n) + 1),
            TextStyle.Ansi => lines * ((n * 9) + 5), // at most "ESC[3x;4ym▀" per cell, "ESC[0m\n" per line
            _ => lines * (n + 1),
        };

        var chars = ArrayPool<char>.Shared.Rent(capacity);
        var span = chars.AsSpan();
        var at = 0;
        var dark = !options.Invert; // the value that draws ink
        switch (options.Style)
        {
            case TextStyle.Ascii:
                for (var y = 0; y < n; y++)
                {
                    for (var x = 0; x < n; x++)
                    {
                        var c = symbol[x - border, y - border] == dark ? '#' : ' ';
                        span[at++] = c;
                        span[at++] = c;
                    }

                    span[at++] = '\n';
                }

                break;

            case TextStyle.Ansi:
                for (var y = 0; y < n; y += 2)
                {
                    var state = -1;
                    for (var x = 0; x < n; x++)
                    {
                        var top = symbol[x - border, y - border];
                        var bottom = symbol[x - border, y + 1 - border]; // light past the last row
                        var cell = (top ? 2 : 0) | (bottom ? 1 : 0);
                        if (cell != state)
                        {
                            // SGR foreground 30 black / 37 white for the upper module, background 40 / 47 for the lower.
                            span[at++] = '\u001b';
                            span[at++] = '[';
                            span[at++] = '3';
                            span[at++] = top ? '0' : '7';
                            span[at++] = ';';
                            span[at++] = '4';
                            span[at++] = bottom ? '0' : '7';
                            span[at++] = 'm';
                            state = cell;
                        }

                        span[at++] = Upper;
                    }

                    "\u001b[0m\n".CopyTo(span[at..]);
                    at += 5;
                }

                break;

            default:
                for (var y = 0; y < n; y += 2)
                {
                    for (var x = 0; x < n; x++)
                    {
                        var top = symbol[x - border, y - border] == dark;
                        var bottom = symbol[x - border, y + 1 - border] == dark; // light past the last row
                        span[at++] = (top, bottom) switch
                        {
                            (true, true) => Full,
                            (true, false) => Upper,
                            (false, true) => Lower,
                            _ => ' ',
                        };
                    }

                    span[at++] = '\n';
                }

                break;
        }

        length = at;
        return chars;
    }
}
