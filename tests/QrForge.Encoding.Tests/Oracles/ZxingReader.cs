using System.Globalization;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>One symbol as ZXingReader reported it.</summary>
/// <param name="Format">"QRCode" or "MicroQRCode".</param>
/// <param name="Text">The decoded text (ECI and Shift JIS applied; byte data without ECI guessed as by ZXing).</param>
/// <param name="Bytes">The data bytes as stored in the symbol, before any character set is applied.</param>
/// <param name="Identifier">The AIM symbology identifier: <c>]Q1</c> plain, <c>]Q3</c> FNC1 first (GS1), <c>]Q5</c> FNC1 second.</param>
/// <param name="EcLevel">"L", "M", "Q" or "H".</param>
/// <param name="SequenceIndex">1-based position in a structured append sequence, or 0.</param>
/// <param name="SequenceSize">Symbols in the sequence, or 0.</param>
/// <param name="SequenceId">The sequence's parity byte in decimal, or empty.</param>
/// <param name="Merged">
/// Whether this is not a symbol but the message ZXingReader joined from a whole structured append sequence; it
/// reports those after the last file's symbols, so a sequence is best decoded alone.
/// </param>
internal sealed record ZxingSymbol(string Format, string Text, byte[] Bytes, string Identifier, string EcLevel,
    int SequenceIndex, int SequenceSize, string SequenceId, bool Merged = false);

/// <summary>
/// Decodes images with zxing-cpp's <c>ZXingReader</c> (zxing-cpp-tools 1.4.0), many images per process.
/// </summary>
/// <remarks>
/// Given several files, ZXingReader prints for each a block that starts <c>File:       path</c> and then either
/// <c>No barcode found</c> or, per symbol, <c>Text:       "…"</c> (raw UTF-8, possibly over several lines),
/// <c>Bytes:      hex</c>, <c>Format:</c>, <c>Identifier:</c>, <c>EC Level:</c> and, for structured append,
/// <c>Structured Append: symbol i of n (parity/id: 'p')</c>. The text ends at the quote that is followed by the
/// <c>Bytes:</c> line, which generated payloads never contain. The one-line mode (<c>-1</c>) was not used
/// because it escapes every non-ASCII character ambiguously.
/// </remarks>
internal sealed class ZxingReader(string executable)
{
    public string Executable { get; } = executable;

    /// <summary>Per image, the symbols ZXingReader found in it (empty for none).</summary>
    /// <param name="images">Image paths.</param>
    /// <param name="format"><c>QRCode</c> or <c>MicroQRCode</c>: only that format is looked for.</param>
    public IReadOnlyList<IReadOnlyList<ZxingSymbol>> Decode(IReadOnlyList<string> images, string format)
    {
        if (images.Count == 0)
        {
            return [];
        }

        var arguments = new List<string> { "-format", format };
        arguments.AddRange(images);
        var result = ToolProcess.Run(Executable, arguments, TimeSpan.FromSeconds(60 + 2 * images.Count));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"ZXingReader failed with exit code {result.ExitCode}: {result.Stderr}"));
        }

        var parsed = Parse(TextEncoding.UTF8.GetString(result.Stdout), images);
        return [.. images.Select(i => (IReadOnlyList<ZxingSymbol>)parsed[i])];
    }

    private static Dictionary<string, List<ZxingSymbol>> Parse(string output, IReadOnlyList<string> images)
    {
        var byFile = images.Distinct().ToDictionary(i => i, _ => new List<ZxingSymbol>());
        // With a single file ZXingReader prints no "File:" line.
        var current = images.Count == 1 ? images[0] : null;
        Builder? symbol = null;
        var pos = 0;
        while (pos < output.Length)
        {
            var end = output.IndexOf('\n', pos);
            if (end < 0)
            {
                end = output.Length;
            }

            var line = output[pos..end];
            var next = end + 1;
            if (line.StartsWith("File:", StringComparison.Ordinal))
            {
                Flush();
                current = line["File:".Length..].Trim();
                if (!byFile.ContainsKey(current))
                {
                    throw new FormatException($"ZXingReader reported a file it was not given: '{current}'.");
                }
            }
            else if (line.StartsWith("Text:", StringComparison.Ordinal))
            {
                Flush();
                var open = output.IndexOf('"', pos);
                var close = output.IndexOf("\"\nBytes:", open + 1, StringComparison.Ordinal);
                if (open < 0 || open > end || close < 0)
                {
                    throw new FormatException($"Cannot find the end of the text in ZXingReader output at {pos}.");
                }

                symbol = new Builder { Text = output[(open + 1)..close] };
                next = close + 2;
            }
            else if (symbol is not null)
            {
                Field(symbol, line);
            }

            pos = next;
        }

        Flush();
        return byFile;

        void Flush()
        {
            if (symbol is not null)
            {
                if (current is null)
                {
                    throw new FormatException("ZXingReader reported a symbol before any file name.");
                }

                byFile[current].Add(symbol.Build());
                symbol = null;
            }
        }
    }

    private static void Field(Builder symbol, string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return;
        }

        var key = line[..colon];
        var value = line[(colon + 1)..].Trim();
        switch (key)
        {
            case "Bytes":
                symbol.Bytes = value.Length == 0 ? [] : Convert.FromHexString(value.Replace(" ", "", StringComparison.Ordinal));
                break;
            case "Format":
                symbol.Format = value;
                break;
            case "Identifier":
                symbol.Identifier = value;
                break;
            case "EC Level":
                symbol.EcLevel = value;
                break;
            case "Structured Append":
                // "symbol 2 of 3 (parity/id: '99')", or for the joined message "merged result from 3 symbols (parity/id: '99')"
                var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words[0] == "merged")
                {
                    symbol.Merged = true;
                    symbol.SequenceSize = int.Parse(words[3], CultureInfo.InvariantCulture);
                }
                else
                {
                    symbol.SequenceIndex = int.Parse(words[1], CultureInfo.InvariantCulture);
                    symbol.SequenceSize = int.Parse(words[3], CultureInfo.InvariantCulture);
                }

                var quote = value.IndexOf('\'', StringComparison.Ordinal);
                symbol.SequenceId = quote < 0 ? "" : value[(quote + 1)..value.LastIndexOf('\'')];
                break;
            default:
                break;
        }
    }

    private sealed class Builder
    {
        public string Text { get; init; } = "";
        public byte[] Bytes { get; set; } = [];
        public string Format { get; set; } = "";
        public string Identifier { get; set; } = "";
        public string EcLevel { get; set; } = "";
        public int SequenceIndex { get; set; }
        public int SequenceSize { get; set; }
        public string SequenceId { get; set; } = "";
        public bool Merged { get; set; }

        public ZxingSymbol Build() => new(Format, Text, Bytes, Identifier, EcLevel, SequenceIndex, SequenceSize, SequenceId, Merged);
    }
}
