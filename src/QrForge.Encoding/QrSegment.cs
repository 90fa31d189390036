using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding;

/// <summary>
/// One segment of a symbol's data: a mode, a character count and the data bits, or a header (ECI, FNC1,
/// structured append). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Make segments with the <c>Make*</c> factories and pass them to
/// <see cref="QrCode.EncodeSegments(IReadOnlyList{QrSegment}, QrEncodeOptions)"/>; the mode indicator and the
/// character count field are added when the symbol's version is known.
/// </remarks>
public sealed class QrSegment
{
    private readonly byte[] _data; // data bits, most significant bit first

    private QrSegment(QrMode mode, int charCount, byte[] data, int bitLength)
    {
        Mode = mode;
        CharCount = charCount;
        _data = data;
        BitLength = bitLength;
    }

    /// <summary>The segment's mode or header kind.</summary>
    public QrMode Mode { get; }

    /// <summary>Characters in the segment (bytes for byte mode, double-byte characters for kanji); 0 for headers.</summary>
    public int CharCount { get; }

    /// <summary>Length of the data bits, without mode indicator and count field.</summary>
    public int BitLength { get; }

    internal ReadOnlySpan<byte> Data => _data;

    /// <summary>A numeric segment. <paramref name="digits"/> may be empty.</summary>
    /// <exception cref="ArgumentException">A character is not a digit 0–9.</exception>
    public static QrSegment MakeNumeric(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (!CharSets.IsNumeric(digits))
        {
            throw new ArgumentException("Numeric mode holds only the digits 0-9.", nameof(digits));
        }

        return Make(QrMode.Numeric, digits.Length, BitCosts.NumericBits(digits.Length), (ref BitWriter w) => SegmentWriter.WriteNumeric(ref w, digits));
    }

    /// <summary>An alphanumeric segment: 0–9, A–Z (upper case), space and <c>$%*+-./:</c>.</summary>
    /// <exception cref="ArgumentException">A character is outside the alphanumeric set.</exception>
    public static QrSegment MakeAlphanumeric(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!CharSets.IsAlphanumeric(text))
        {
            throw new ArgumentException("Alphanumeric mode holds only 0-9, A-Z, space and $%*+-./:", nameof(text));
        }

        return Make(QrMode.Alphanumeric, text.Length, BitCosts.AlphanumericBits(text.Length), (ref BitWriter w) => SegmentWriter.WriteAlphanumeric(ref w, text));
    }

    /// <summary>A byte segment holding <paramref name="data"/> as given.</summary>
    public static QrSegment MakeBytes(ReadOnlySpan<byte> data) => new(QrMode.Byte, data.Length, data.ToArray(), data.Length * 8);

    /// <summary>A byte segment holding <paramref name="text"/> as UTF-8.</summary>
    public static QrSegment MakeUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MakeBytes(TextEncoding.UTF8.GetBytes(text));
    }

    /// <summary>A kanji segment: every character must be a Shift JIS double-byte character in 0x8140–0x9FFC or 0xE040–0xEBBF.</summary>
    /// <exception cref="ArgumentException">A character has no such Shift JIS code.</exception>
    public static QrSegment MakeKanji(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (ShiftJis.KanjiCode(c) < 0)
            {
                throw new ArgumentException($"Kanji mode cannot hold '{c}' (U+{(int)c:X4}).", nameof(text));
            }
        }

        return Make(QrMode.Kanji, text.Length, text.Length * 13, (ref BitWriter w) => SegmentWriter.WriteKanji(ref w, text));
    }

    /// <summary>An ECI designator (§7.4.2.2): 0–127 in 8 bits, up to 16383 in 16, up to 999999 in 24.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="assignmentNumber"/> is outside 0–999999.</exception>
    public static QrSegment MakeEci(int assignmentNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(assignmentNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(assignmentNumber, 999_999);
        return Make(QrMode.Eci, 0, BitCosts.EciBits(assignmentNumber), (ref BitWriter w) => SegmentWriter.WriteEciValue(ref w, assignmentNumber));
    }

    /// <summary>FNC1 in first position: marks the data as GS1 formatted. Must come first (after any ECI).</summary>
    public static QrSegment MakeFnc1First() => new(QrMode.Fnc1First, 0, [], 0);

    /// <summary>FNC1 in second position with its application indicator: one letter a–z / A–Z, or two digits 00–99.</summary>
    /// <exception cref="ArgumentException">The indicator is neither.</exception>
    public static QrSegment MakeFnc1Second(string applicationIndicator)
    {
        var value = SegmentWriter.ApplicationIndicatorByte(applicationIndicator);
        if (value < 0)
        {
            throw new ArgumentException("The application indicator is one letter a-z or A-Z, or two digits 00-99.", nameof(applicationIndicator));
        }

        return new(QrMode.Fnc1Second, 0, [(byte)value], 8);
    }

    /// <summary>
    /// A structured append header (§8): this symbol is number <paramref name="index"/> (0-based) of
    /// <paramref name="count"/> (1–16), and <paramref name="parity"/> is the XOR of every byte of the whole message.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index or count is out of range.</exception>
    public static QrSegment MakeStructuredAppend(int index, int count, byte parity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return new(QrMode.StructuredAppend, 0, [(byte)((index << 4) | (count - 1)), parity], 16);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into the shortest mix of numeric, alphanumeric, byte (UTF-8) and kanji
    /// segments for a symbol of the given version (the count-field widths depend on it), encoded the way
    /// <see cref="QrCode.EncodeText(string, QrEncodeOptions)"/> does by default: non-ASCII text that Shift JIS
    /// cannot hold entirely is UTF-8 behind a leading ECI 26 segment (not for Micro QR, which has no ECI).
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="version">1–40 for QR Code (default 1), 1–4 for Micro QR.</param>
    /// <param name="micro">Whether the count fields are Micro QR's.</param>
    public static IReadOnlyList<QrSegment> MakeSegments(string text, int version = 1, bool micro = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        VersionRange.Check(version, version, micro);
        var plan = new List<TextRun>();
        var ascii = System.Text.Ascii.IsValid(text);
        var kanjiOnly = !ascii && TextEncodingPolicy.AllNonAsciiKanji(text);
        var eci = !ascii && !kanjiOnly && !micro;
        if (!Segmenter.Plan(text, version, micro, allowKanji: !eci, TextCharset.Utf8, asciiBytesOnly: kanjiOnly, plan))
        {
            throw new ArgumentException($"The text has characters that version {(micro ? "M" : "")}{version} cannot hold in any mode.", nameof(text));
        }

        var result = new List<QrSegment>(plan.Count + 1);
        if (eci)
        {
            result.Add(MakeEci(26));
        }

        foreach (var run in plan)
        {
            var part = text.Substring(run.Start, run.Length);
            result.Add(run.Mode switch
            {
                QrMode.Numeric => MakeNumeric(part),
                QrMode.Alphanumeric => MakeAlphanumeric(part),
                QrMode.Kanji => MakeKanji(part),
                _ => MakeUtf8(part),
            });
        }

        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Mode} ({CharCount} chars, {BitLength} bits)";

    private delegate void Writer(ref BitWriter writer);

    private static QrSegment Make(QrMode mode, int count, int bits, Writer write)
    {
        var data = new byte[(bits + 7) >> 3];
        var writer = new BitWriter(data);
        write(ref writer);
        return new QrSegment(mode, count, data, bits);
    }
}
