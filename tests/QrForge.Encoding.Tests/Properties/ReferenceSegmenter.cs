using System.Text;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Properties;

/// <summary>How QrForge writes text when the caller names neither an ECI nor a mode (docs/architecture.md).</summary>
internal enum TextPolicy
{
    /// <summary>ASCII: numeric, alphanumeric and byte mode, no designator.</summary>
    Ascii,

    /// <summary>Every non-ASCII character exists in Shift JIS: those go in kanji mode, bytes stay ASCII, no designator.</summary>
    KanjiForNonAscii,

    /// <summary>Other non-ASCII text in QR Code: an ECI 26 designator, then UTF-8 bytes (never kanji mode).</summary>
    Utf8WithEci,

    /// <summary>Other non-ASCII text in Micro QR, which has no ECI: undesignated UTF-8 bytes and kanji mode.</summary>
    Utf8Micro,
}

/// <summary>
/// A deliberately plain reference for optimal segmentation, independent of the encoder's: dynamic programming over
/// every split of the text into runs, each run in any mode that can hold it, costing its mode indicator, count
/// field and data bits exactly (ISO/IEC 18004 Tables 2, 3 and §7.4.3–7.4.6). Quadratic, which is fine for tests.
/// </summary>
internal static class ReferenceSegmenter
{
    private static readonly TextEncoding ShiftJis = LoadShiftJis();

    public static TextPolicy PolicyFor(string text, bool micro)
    {
        if (Ascii.IsValid(text))
        {
            return TextPolicy.Ascii;
        }

        var runes = text.EnumerateRunes().ToList();
        if (runes.All(r => r.IsAscii || IsKanji(r)))
        {
            return TextPolicy.KanjiForNonAscii;
        }

        return micro ? TextPolicy.Utf8Micro : TextPolicy.Utf8WithEci;
    }

    /// <summary>Whether kanji mode holds the character: one Shift JIS double-byte code in 0x8140–0x9FFC or 0xE040–0xEBBF.</summary>
    public static bool IsKanji(Rune rune)
    {
        if (rune.IsAscii || rune.IsBmp is false)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        Span<char> chars = stackalloc char[2];
        var length = rune.EncodeToUtf16(chars);
        try
        {
            if (ShiftJis.GetBytes(chars[..length], bytes) != 2)
            {
                return false;
            }
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        var code = bytes[0] << 8 | bytes[1];
        return code is >= 0x8140 and <= 0x9FFC or >= 0xE040 and <= 0xEBBF;
    }

    /// <summary>
    /// Bits of the shortest encoding of <paramref name="text"/> under <paramref name="policy"/> at this version,
    /// designator included, or -1 when no split of the text fits the symbol's modes and count fields.
    /// </summary>
    public static int ShortestBits(string text, TextPolicy policy, int version, bool micro)
    {
        var units = text.EnumerateRunes().ToArray();
        var n = units.Length;
        var best = new int[n + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        QrMode[] modes = [QrMode.Numeric, QrMode.Alphanumeric, QrMode.Byte, QrMode.Kanji];
        for (var end = 1; end <= n; end++)
        {
            foreach (var mode in modes)
            {
                var cc = IsoTables.CountBits(mode, version, micro);
                if (cc == 0)
                {
                    continue;
                }

                // Extend the run in this mode backwards from end while every unit fits the mode.
                var count = 0;
                for (var start = end - 1; start >= 0 && Holds(mode, units[start], policy); start--)
                {
                    count += mode == QrMode.Byte ? units[start].Utf8SequenceLength : 1;
                    if (count >= 1 << cc)
                    {
                        break;
                    }

                    if (best[start] != int.MaxValue)
                    {
                        best[end] = Math.Min(best[end], best[start] + IsoTables.ModeBits(version, micro) + cc + IsoTables.PayloadBits(mode, count));
                    }
                }
            }
        }

        if (best[n] == int.MaxValue)
        {
            return -1;
        }

        return best[n] + (policy == TextPolicy.Utf8WithEci ? 12 : 0); // ECI mode indicator 0111 + assignment 26 in 8 bits
    }

    private static bool Holds(QrMode mode, Rune unit, TextPolicy policy) => mode switch
    {
        QrMode.Numeric => unit.Value is >= '0' and <= '9',
        QrMode.Alphanumeric => unit.IsAscii && Oracles.OracleCorpus.AlphanumericSet.Contains((char)unit.Value, StringComparison.Ordinal),
        QrMode.Byte => unit.IsAscii || policy is TextPolicy.Utf8WithEci or TextPolicy.Utf8Micro,
        _ => policy is TextPolicy.KanjiForNonAscii or TextPolicy.Utf8Micro && IsKanji(unit),
    };

    private static TextEncoding LoadShiftJis()
    {
        TextEncoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return TextEncoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
