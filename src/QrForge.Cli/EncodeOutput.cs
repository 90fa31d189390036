using System.Globalization;
using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Cli;

/// <summary>
/// Where <c>qrforge encode</c> puts its symbols: files written atomically through the shared
/// <see cref="OutputFormat"/> (one per symbol of a split), or text drawn on standard output. Notes for the user go
/// to standard error, never between the symbols on standard output.
/// </summary>
internal static class EncodeOutput
{
    /// <summary>
    /// Writes every symbol to its file (all or none). Returns the error to report, or null when all were written.
    /// </summary>
    /// <exception cref="CliUsageException">The render options are out of range for a symbol (the image would be too large).</exception>
    public static string? WriteFiles(IReadOnlyList<QrCode> symbols, string outputPath, bool split, OutputFormat format, RenderOptions render)
    {
        var files = new List<(string, Action<Stream>)>(symbols.Count);
        for (var i = 0; i < symbols.Count; i++)
        {
            var symbol = symbols[i];
            var path = split ? SplitPath(outputPath, i + 1) : outputPath;
            files.Add((path, stream => format.Render(symbol, render, stream)));
        }

        try
        {
            AtomicFile.WriteAll(files);
            return null;
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliUsageException(RenderProblem(e), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exception names the temporary file; name the file the user asked for instead.
            var problem = e switch
            {
                DirectoryNotFoundException => "its directory does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            return $"cannot write '{outputPath}': {problem}";
        }
    }

    /// <summary>The file for symbol <paramref name="number"/> (1-based) of a split: <c>dir/name-3.png</c> for <c>dir/name.png</c>.</summary>
    public static string SplitPath(string outputPath, int number)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        var directory = Path.GetDirectoryName(outputPath) ?? "";
        var name = $"{Path.GetFileNameWithoutExtension(outputPath)}-{number.ToString(CultureInfo.InvariantCulture)}{Path.GetExtension(outputPath)}";
        return directory.Length == 0 ? name : Path.Combine(directory, name);
    }

    /// <summary>
    /// The note to print when the image is not <paramref name="size"/> pixels wide: images use whole pixels per
    /// module, so the width is the largest multiple of the modules per side that fits (or one pixel per module
    /// when even that is wider). Null when the width is exactly as asked.
    /// </summary>
    public static string? SizeNote(QrCode symbol, int size, int? border)
    {
        var modules = symbol.Size + (2 * (border ?? (symbol.IsMicro ? 2 : 4)));
        var scale = Math.Max(1, size / modules);
        var width = modules * scale;
        if (width == size)
        {
            return null;
        }

        var smallest = size < modules ? $"; {modules} is the smallest" : "";
        return $"note: --size {size}: the image is {width} px wide ({modules} modules × {scale} px; sizes are whole pixels per module{smallest})";
    }

    /// <summary>Draws the symbols as text on <paramref name="stdout"/>, each with a heading when the data was split.</summary>
    public static void DrawInTerminal(IReadOnlyList<QrCode> symbols, OutputFormat format, bool split, int? border, TextWriter stdout)
    {
        var options = new TextRenderOptions { Style = format.TextStyle ?? TextStyle.HalfBlocks, Border = border };
        for (var i = 0; i < symbols.Count; i++)
        {
            if (split)
            {
                if (i > 0)
                {
                    stdout.WriteLine();
                }

                stdout.WriteLine($"Symbol {i + 1} of {symbols.Count} (version {symbols[i].VersionName}-{symbols[i].Ecc})");
            }

            TextRenderer.Render(symbols[i], options, stdout);
        }
    }

    /// <summary>A renderer's range error, naming the option that caused it.</summary>
    public static string RenderProblem(ArgumentOutOfRangeException e)
    {
        var option = e.ParamName switch
        {
            "SizePixels" => "--size",
            "Border" => "--border",
            _ => "--scale",
        };
        var message = e.Message.ReplaceLineEndings("\n").Split('\n')[0];
        var suffix = $" (Parameter '{e.ParamName}')";
        if (message.EndsWith(suffix, StringComparison.Ordinal))
        {
            message = message[..^suffix.Length];
        }

        return $"{option}: {message.TrimEnd('.')}";
    }
}
