namespace QrForge.Encoding;

/// <summary>Writes the data bits of each mode (§7.4.3–§7.4.6) and the ECI designator (§7.4.2.2).</summary>
internal static class SegmentWriter
{
    /// <summary>Groups of three digits as 10 bits; a final 1 or 2 digits as 4 or 7 bits.</summary>
    public static void WriteNumeric(ref BitWriter w, ReadOnlySpan<char> digits)
    {
        var i = 0;
        for (; i + 3 <= digits.Length; i += 3)
        {
            w.Write((digits[i] - '0') * 100 + (digits[i + 1] - '0') * 10 + (digits[i + 2] - '0'), 10);
        }

        var rest = digits.Length - i;
        if (rest == 2)
        {
            w.Write((digits[i] - '0') * 10 + (digits[i + 1] - '0'), 7);
        }
        else if (rest == 1)
        {
            w.Write(digits[i] - '0', 4);
        }
    }


    /// <summary>Pairs as 45 × first + second in 11 bits; a final single character in 6 bits.</summary>
    public static void WriteAlphanumeric(ref BitWriter w, ReadOnlySpan<char> text)
    {
        var i = 0;
        for (; i + 2 <= text.Length; i += 2)
        {
            w.Write(CharSets.AlphanumericValue(text[i]) * 45 + CharSets.AlphanumericValue(text[i + 1]), 11);
        }

        if (i < text.Length)
        {
            w.Write(CharSets.AlphanumericValue(text[i]), 6);
        }
    }


    /// <summary>
    /// Each Shift JIS code: subtract 0x8140 (codes up to 0x9FFC) or 0xC140 (0xE040–0xEBBF), then
    /// high byte × 0xC0 + low byte, in 13 bits (§7.4.6).
    /// </summary>
    public static void WriteKanji(ref BitWriter w, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            var code = ShiftJis.KanjiCode(c);
            var v = code - (code <= 0x9FFC ? 0x8140 : 0xC140);
            w.Write((v >> 8) * 0xC0 + (v & 0xFF), 13);
        }
    }

    /// <summary>ECI designator: 0bbbbbbb, 10bbbbbb bbbbbbbb or 110bbbbb bbbbbbbb bbbbbbbb (Table 4).</summary>
    public static void WriteEciValue(ref BitWriter w, int value)
    {
        if (value < 128)
        {
            w.Write(value, 8);
        }
        else if (value < 16384)
        {
            w.Write(0b10 << 14 | value, 16);
        }
        else
        {
            w.Write(0b110 << 21 | value, 24);
        }
    }

    /// <summary>
    /// The FNC1 second-position application indicator byte (§7.4.8.3): a letter as its ASCII value + 100,
    /// two digits 00–99 as their value; -1 when <paramref name="indicator"/> is neither.
    /// </summary>
    public static int ApplicationIndicatorByte(string? indicator) => indicator switch
    {
        [var c] when c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' => c + 100,
        [var d1, var d2] when CharSets.IsDigit(d1) && CharSets.IsDigit(d2) => (d1 - '0') * 10 + (d2 - '0'),
        _ => -1,
    };
}
