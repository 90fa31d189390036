using System.Buffers;
using System.Text;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding;

/// <summary>One run of text in one mode, as planned by <see cref="Segmenter"/>.</summary>
/// <param name="Mode">Numeric, alphanumeric, byte or kanji.</param>
/// <param name="Start">Index of the first UTF-16 char.</param>
/// <param name="Length">UTF-16 chars in the run.</param>
/// <param name="CharCount">The count written in the count field: bytes for byte mode, characters otherwise.</param>
internal readonly record struct TextRun(QrMode Mode, int Start, int Length, int CharCount);

/// <summary>
/// Splits text into the mix of modes with the fewest bits for a given version, by dynamic programming over the
/// four modes in the manner of ISO/IEC 18004:2015 Annex J: costs are kept in sixths of a bit so that numeric
/// (10/3 bits a digit) and alphanumeric (11/2 bits a character) runs are exact, and each switch of mode pays the
/// new mode's indicator and count field.
/// </summary>
internal static class Segmenter
{
    private const int ModeCount = 4; // 0 byte, 1 alphanumeric, 2 numeric, 3 kanji
    private const int Unreachable = int.MaxValue / 2;

    private static readonly QrMode[] Modes = [QrMode.Byte, QrMode.Alphanumeric, QrMode.Numeric, QrMode.Kanji];

    /// <summary>
    /// Plans <paramref name="text"/> into <paramref name="runs"/> (cleared first) for <paramref name="version"/>.
    /// Returns false when a character has no mode available in this symbol (Micro QR limits the modes).
    /// </summary>
    public static bool Plan(ReadOnlySpan<char> text, int version, bool micro, bool allowKanji, List<TextRun> runs) =>
        Plan(text, version, micro, allowKanji, TextCharset.Utf8, runs);

    public static bool Plan(ReadOnlySpan<char> text, int version, bool micro, bool allowKanji, TextCharset charset, List<TextRun> runs)
    {
        runs.Clear();
        if (text.IsEmpty)
        {
            return true;
        }

        Span<int> headCost = stackalloc int[ModeCount];
        for (var m = 0; m < ModeCount; m++)
        {
            var ccBits = Tables.CharCountBits(Modes[m], version, micro);
            var usable = ccBits > 0 && (m != 3 || allowKanji) && (m == 0 || charset != TextCharset.Utf16BE);
            headCost[m] = usable ? (Tables.ModeIndicatorBits(version, micro) + ccBits) * 6 : Unreachable;
        }

        // choice[i * 4 + m]: the mode char i is written in, on the cheapest path that is in mode m after char i.
        var choice = ArrayPool<byte>.Shared.Rent(text.Length * ModeCount);
        try
        {
            Span<int> prev = stackalloc int[ModeCount];
            Span<int> cur = stackalloc int[ModeCount];
            headCost.CopyTo(prev);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var at = i * ModeCount;
                cur[0] = headCost[0] >= Unreachable ? Unreachable : prev[0] + charset.ByteCost(c) * 48;
                cur[1] = headCost[1] < Unreachable && CharSets.AlphanumericValue(c) >= 0 ? prev[1] + 33 : Unreachable;
                cur[2] = headCost[2] < Unreachable && CharSets.IsDigit(c) ? prev[2] + 20 : Unreachable;
                cur[3] = headCost[3] < Unreachable && ShiftJis.KanjiCode(c) >= 0 ? prev[3] + 78 : Unreachable;
                for (var m = 0; m < ModeCount; m++)
                {
                    choice[at + m] = cur[m] < Unreachable ? (byte)m : byte.MaxValue;
                }

                // Close the segment in mode k (rounding its bits up) and open one in mode m after this char.
                for (var m = 0; m < ModeCount; m++)
                {
                    if (headCost[m] >= Unreachable)
                    {
                        continue;
                    }

                    for (var k = 0; k < ModeCount; k++)
                    {
                        if (k == m || cur[k] >= Unreachable || choice[at + k] == byte.MaxValue)
                        {
                            continue;
                        }

                        var switched = (cur[k] + 5) / 6 * 6 + headCost[m];
                        if (switched < cur[m])
                        {
                            cur[m] = switched;
                            choice[at + m] = choice[at + k];
                        }
                    }
                }

                cur.CopyTo(prev);
            }

            var best = -1;
            for (var m = 0; m < ModeCount; m++)
            {
                if (prev[m] < Unreachable && (best < 0 || prev[m] < prev[best]))
                {
                    best = m;
                }
            }

            if (best < 0)
            {
                return false;
            }

            // Walk back from the end, collecting runs in reverse.
            var mode = best;
            var end = text.Length;
            for (var i = text.Length - 1; i >= 0; i--)
            {
                var charMode = choice[i * ModeCount + mode];
                if (charMode == byte.MaxValue)
                {
                    return false;
                }

                if (i < end - 1 && charMode != mode)
                {
                    AddRun(text, mode, i + 1, end, charset, runs);
                    end = i + 1;
                }

                mode = charMode;
            }

            AddRun(text, mode, 0, end, charset, runs);
            runs.Reverse();
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(choice);
        }
    }

    private static void AddRun(ReadOnlySpan<char> text, int mode, int start, int end, TextCharset charset, List<TextRun> runs)
    {
        var qrMode = Modes[mode];
        var count = qrMode == QrMode.Byte ? charset.ByteCount(text[start..end]) : end - start;
        runs.Add(new TextRun(qrMode, start, end - start, count));
    }

    /// <summary>Bits of the data part of a run (without indicator and count field).</summary>
    public static int DataBits(TextRun run) => run.Mode switch
    {
        QrMode.Numeric => BitCosts.NumericBits(run.CharCount),
        QrMode.Alphanumeric => BitCosts.AlphanumericBits(run.CharCount),
        QrMode.Kanji => run.CharCount * 13,
        _ => run.CharCount * 8,
    };
}

/// <summary>The character set byte-mode text is written in.</summary>
internal enum TextCharset
{
    Utf8,
    Latin1,
    ShiftJis,
    Utf16BE,
}

internal static class TextCharsetExtensions
{
    private static readonly TextEncoding Latin1Strict = TextEncoding.GetEncoding("iso-8859-1", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    private static readonly TextEncoding Utf16BEStrict = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly TextEncoding Utf8Plain = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Bytes one UTF-16 char takes in the charset (each half of a surrogate pair counts 2 in UTF-8).</summary>
    public static int ByteCost(this TextCharset charset, char c) => charset switch
    {
        TextCharset.Utf8 => c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsSurrogate(c) ? 2 : 3,
        TextCharset.Latin1 => 1,
        TextCharset.ShiftJis => c < 0x80 ? 1 : 2,
        _ => 2,
    };

    public static TextEncoding GetEncoding(this TextCharset charset) => charset switch
    {
        TextCharset.Utf8 => Utf8Plain,
        TextCharset.Latin1 => Latin1Strict,
        TextCharset.ShiftJis => ShiftJis.CodePage ?? throw new NotSupportedException("Shift JIS is not available on this platform."),
        _ => Utf16BEStrict,
    };

    public static int ByteCount(this TextCharset charset, ReadOnlySpan<char> text) =>
        charset == TextCharset.Latin1 ? text.Length : charset.GetEncoding().GetByteCount(text);

    /// <summary>The charset an ECI assignment number names, or null when QrForge cannot encode text in it.</summary>
    public static TextCharset? FromEci(int eci) => eci switch
    {
        3 or 1 => TextCharset.Latin1,
        20 => TextCharset.ShiftJis,
        25 => TextCharset.Utf16BE,
        26 => TextCharset.Utf8,
        _ => null,
    };
}
