using System.Text;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding;

/// <summary>
/// Maps characters to their Shift JIS double-byte codes in the ranges kanji mode holds (0x8140–0x9FFC and
/// 0xE040–0xEBBF). The table is built once, on first use, from the platform's Shift JIS code page (932),
/// keeping only the codes on which code page 932 and JIS X 0208 agree: readers decode kanji mode by
/// JIS X 0208, so the seven codes the two map differently (0x815F, 0x8160, 0x8161, 0x817C, 0x8191, 0x8192,
/// 0x81CA: ＼ ～ ∥ － ￠ ￡ ￢) and NEC row 13 (0x8740–0x879F: ① Ⅰ ㈱ …), which JIS X 0208 lacks, are left out;
/// those characters go to byte mode as UTF-8 instead.
/// </summary>
internal static class ShiftJis
{
    private static ushort[]? _table;

    /// <summary>The Shift JIS code of <paramref name="c"/> if kanji mode can hold it, else -1. ASCII is never kanji.</summary>
    public static int KanjiCode(char c)
    {
        if (c < 0x80)
        {
            return -1;
        }

        var table = _table ?? Build();
        var code = table[c];
        return code == 0 ? -1 : code;
    }

    /// <summary>The Shift JIS encoding (strict: it throws on a character it cannot hold), or null when the platform has none.</summary>
    public static TextEncoding? CodePage { get; } = Load(EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    // Two lenient copies that replace an unmappable character with nothing and with "?" (one byte): the byte counts
    // differ exactly when some character is unmappable, which tells without an encoder exception.
    private static readonly TextEncoding? DropUnmappable = Load(new EncoderReplacementFallback(""), DecoderFallback.ReplacementFallback);
    private static readonly TextEncoding? MarkUnmappable = Load(new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);

    // Marks an unassigned double-byte code when the table is built, in place of a decoder exception.
    private static readonly TextEncoding? DecodeOrMark = Load(EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"));

    /// <summary>Whether code page 932 holds every character of <paramref name="text"/>; false when the platform has no Shift JIS.</summary>
    public static bool CanEncode(ReadOnlySpan<char> text) =>
        DropUnmappable is not null && MarkUnmappable is not null
        && DropUnmappable.GetByteCount(text) == MarkUnmappable.GetByteCount(text);

    // The code-pages provider answers null (it does not throw) when it has no such code page.
    private static TextEncoding? Load(EncoderFallback encoderFallback, DecoderFallback decoderFallback)
    {
        TextEncoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return CodePagesEncodingProvider.Instance.GetEncoding(932, encoderFallback, decoderFallback);
    }

    private static ushort[] Build()
    {
        var table = new ushort[65536];
        var sjis = DecodeOrMark;
        if (sjis is not null)
        {
            Span<byte> pair = stackalloc byte[2];
            Span<char> chars = stackalloc char[2];
            for (var code = 0x8140; code <= 0xEBBF; code++)
            {
                var low = code & 0xFF;
                if (code is > 0x9FFC and < 0xE040 || low is < 0x40 or 0x7F or > 0xFC)
                {
                    continue; // outside kanji mode's ranges, or not a valid second byte
                }

                if (code is >= 0x8740 and <= 0x879F or 0x815F or 0x8160 or 0x8161 or 0x817C or 0x8191 or 0x8192 or 0x81CA)
                {
                    continue; // code page 932 and JIS X 0208 disagree, or JIS X 0208 has no such code
                }

                pair[0] = (byte)(code >> 8);
                pair[1] = (byte)low;
                // An unassigned code decodes to U+FFFD (or to U+FFFD and a second character).
                if (sjis.GetChars(pair, chars) == 1 && chars[0] != '\uFFFD' && table[chars[0]] == 0)
                {
                    table[chars[0]] = (ushort)code;
                }
            }
        }

        Interlocked.CompareExchange(ref _table, table, null);
        return _table;
    }
}
