namespace QrForge.Encoding;

/// <summary>
/// The text stage before planning: which character set and modes a text may use, checked without throwing. It
/// refuses a text that the named ECI or the forced mode cannot hold, and picks how undesignated non-ASCII text is
/// written so that zbar, ZXing and phone cameras all read it back.
/// </summary>
internal static class TextEncodingPolicy
{
    /// <summary>
    /// Sets the text's character set, kanji permission and ECI on <paramref name="p"/>; false with
    /// <paramref name="error"/> when the options cannot hold the text.
    /// </summary>
    public static bool Apply(ref Payload p, ReadOnlySpan<char> text, QrEncodeOptions o, bool allowKanji, out EncodeError error)
    {
        if (o.Eci is int eci)
        {
            if (TextCharsetExtensions.FromEci(eci) is not TextCharset cs || (cs == TextCharset.ShiftJis && ShiftJis.CodePage is null))
            {
                error = EncodeError.InvalidArgument($"QrForge cannot write text in the character set of ECI {eci}; encode the bytes with EncodeBinary.", nameof(o.Eci));
                return false;
            }

            p.Charset = cs;
            if (!CanEncode(text, cs))
            {
                error = EncodeError.InvalidArgument($"The text has characters that ECI {eci} ({cs}) cannot represent.", "text");
                return false;
            }
        }

        p.AllowKanji = allowKanji && o.Eci is null && ShiftJis.CodePage is not null;
        if (o.Mode is QrMode forced && !Representable(text, forced))
        {
            error = EncodeError.InvalidArgument($"The text cannot be written in {forced} mode.", "text");
            return false;
        }

        if (o.Eci is null && o.Mode != QrMode.Kanji && !System.Text.Ascii.IsValid(text))
        {
            ChooseTextEncoding(ref p, text, o);
        }

        error = default;
        return true;
    }

    /// <summary>
    /// How non-ASCII text is written when the caller names no ECI, so that zbar, ZXing and phone cameras all read
    /// it back: text whose non-ASCII characters all exist in Shift JIS goes in kanji mode with ASCII-only byte
    /// runs and no designator; any other non-ASCII text is UTF-8 behind an ECI 26 designator, because readers
    /// guess the character set of undesignated bytes (zbar reads short UTF-8 as Shift JIS). Micro QR, which
    /// has no ECI, falls back to undesignated UTF-8.
    /// </summary>
    public static void ChooseTextEncoding(ref Payload p, ReadOnlySpan<char> text, QrEncodeOptions o)
    {
        if (o.Mode is null && p.AllowKanji && AllNonAsciiKanji(text))
        {
            p.AsciiBytesOnly = true;
            return;
        }

        if (!o.Micro)
        {
            p.Eci = 26;
            p.AllowKanji = false;
        }
    }

    /// <summary>Whether every non-ASCII character of <paramref name="text"/> has a kanji-mode code.</summary>
    public static bool AllNonAsciiKanji(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80 && ShiftJis.KanjiCode(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="charset"/> holds every character of <paramref name="text"/>, decided without an
    /// encoder exception. UTF-8 holds any text (a lone surrogate becomes U+FFFD, as the encoder writes it).
    /// </summary>
    public static bool CanEncode(ReadOnlySpan<char> text, TextCharset charset) => charset switch
    {
        TextCharset.Latin1 => !text.ContainsAnyExceptInRange('\0', '\u00FF'),
        TextCharset.Utf16BE => WellFormedUtf16(text),
        TextCharset.ShiftJis => ShiftJis.CanEncode(text),
        _ => true,
    };

    /// <summary>No lone surrogate: each high surrogate is followed by a low one, and no low surrogate stands alone.</summary>
    private static bool WellFormedUtf16(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Representable(ReadOnlySpan<char> text, QrMode mode) => mode switch
    {
        QrMode.Numeric => CharSets.IsNumeric(text),
        QrMode.Alphanumeric => CharSets.IsAlphanumeric(text),
        QrMode.Kanji => AllKanji(text),
        _ => true,
    };

    private static bool AllKanji(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (ShiftJis.KanjiCode(c) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
