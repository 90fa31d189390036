using System.Buffers;

namespace QrForge.Encoding;

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
        Plan(text, version, micro, allowKanji, TextCharset.Utf8, asciiBytesOnly: false, runs);

    /// <param name="text">The text.</param>
    /// <param name="version">The version whose count-field widths apply.</param>
    /// <param name="micro">Whether the symbol is Micro QR.</param>
    /// <param name="allowKanji">Whether kanji mode may be used.</param>
    /// <param name="charset">The character set of byte-mode runs.</param>
    /// <param name="asciiBytesOnly">Keep non-ASCII characters out of byte mode (they must go to kanji mode).</param>
    /// <param name="runs">Receives the runs, in order.</param>
    public static bool Plan(ReadOnlySpan<char> text, int version, bool micro, bool allowKanji, TextCharset charset, bool asciiBytesOnly, List<TextRun> runs)
    {
        runs.Clear();
        if (text.IsEmpty)
        {
            return true;
        }

        Span<int> head = stackalloc int[ModeCount];
        for (var m = 0; m < ModeCount; m++)
        {
            var ccBits = Tables.CharCountBits(Modes[m], version, micro);
            var usable = ccBits > 0 && (m != 3 || allowKanji) && (m == 0 || charset != TextCharset.Utf16BE);
            head[m] = usable ? (Tables.ModeIndicatorBits(version, micro) + ccBits) * 6 : Unreachable;
        }

        // One mode is optimal outright when every character is a digit, or when no character could leave byte mode.
        var kind = Classify(text, allowKanji && head[3] < Unreachable);
        if (kind == TextKind.AllDigits && head[2] < Unreachable)
        {
            runs.Add(new TextRun(QrMode.Numeric, 0, text.Length, text.Length));
            return true;
        }

        if (kind == TextKind.BytesOnly && head[0] < Unreachable && !asciiBytesOnly)
        {
            AddRun(text, 0, 0, text.Length, charset, runs);
            return true;
        }

        var choice = ArrayPool<byte>.Shared.Rent(text.Length * ModeCount);
        try
        {
            if (!Trace(text, head, charset, asciiBytesOnly, choice, out var best))
            {
                return false;
            }

            return Collect(text, choice, best, charset, runs);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(choice);
        }
    }

    private enum TextKind
    {
        AllDigits,
        BytesOnly,
        Mixed,
    }

    private static TextKind Classify(ReadOnlySpan<char> text, bool kanjiPossible)
    {
        var digits = 0;
        var alphanumeric = 0;
        foreach (var c in text)
        {
            if (CharSets.IsDigit(c))
            {
                digits++;
            }
            else if (CharSets.AlphanumericValue(c) >= 0 || (kanjiPossible && ShiftJis.KanjiCode(c) >= 0))
            {
                alphanumeric++;
            }
        }

        return digits == text.Length ? TextKind.AllDigits : digits + alphanumeric == 0 ? TextKind.BytesOnly : TextKind.Mixed;
    }

    /// <summary>
    /// The forward pass. State m after char i is "the last segment is in mode m"; choice[i * 4 + m] is the mode
    /// char i is written in on the cheapest path to that state. Switching closes the current segment, rounding
    /// its length up to whole bits, and pays the new mode's indicator and count field.
    /// </summary>
    private static bool Trace(ReadOnlySpan<char> text, ReadOnlySpan<int> head, TextCharset charset, bool asciiBytesOnly, byte[] choice, out int best)
    {
        int h0 = head[0], h1 = head[1], h2 = head[2], h3 = head[3];
        int p0 = h0, p1 = h1, p2 = h2, p3 = h3;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var c0 = h0 < Unreachable && !(asciiBytesOnly && c >= 0x80) ? p0 + charset.ByteCost(c) * 48 : Unreachable;
            var c1 = h1 < Unreachable && CharSets.AlphanumericValue(c) >= 0 ? p1 + 33 : Unreachable;
            var c2 = h2 < Unreachable && CharSets.IsDigit(c) ? p2 + 20 : Unreachable;
            var c3 = h3 < Unreachable && c >= 0x80 && ShiftJis.KanjiCode(c) >= 0 ? p3 + 78 : Unreachable;

            // The cheapest and second cheapest segment to close (in whole bits, as sixths).
            int first = -1, second = -1, firstCost = Unreachable, secondCost = Unreachable;
            Consider(0, c0, ref first, ref firstCost, ref second, ref secondCost);
            Consider(1, c1, ref first, ref firstCost, ref second, ref secondCost);
            Consider(2, c2, ref first, ref firstCost, ref second, ref secondCost);
            Consider(3, c3, ref first, ref firstCost, ref second, ref secondCost);
            if (first < 0)
            {
                best = -1;
                return false;
            }

            var at = i * ModeCount;
            choice[at] = Switch(0, ref c0, h0, first, firstCost, second, secondCost);
            choice[at + 1] = Switch(1, ref c1, h1, first, firstCost, second, secondCost);
            choice[at + 2] = Switch(2, ref c2, h2, first, firstCost, second, secondCost);
            choice[at + 3] = Switch(3, ref c3, h3, first, firstCost, second, secondCost);
            (p0, p1, p2, p3) = (c0, c1, c2, c3);
        }

        best = 0;
        var bestCost = p0;
        if (p1 < bestCost)
        {
            (best, bestCost) = (1, p1);
        }

        if (p2 < bestCost)
        {
            (best, bestCost) = (2, p2);
        }

        if (p3 < bestCost)
        {
            (best, bestCost) = (3, p3);
        }

        return bestCost < Unreachable;
    }

    private static void Consider(int mode, int cost, ref int first, ref int firstCost, ref int second, ref int secondCost)
    {
        if (cost >= Unreachable)
        {
            return;
        }

        var closed = (cost + 5) / 6 * 6;
        if (closed < firstCost)
        {
            (second, secondCost) = (first, firstCost);
            (first, firstCost) = (mode, closed);
        }
        else if (closed < secondCost)
        {
            (second, secondCost) = (mode, closed);
        }
    }

    // Extends (keeps mode m for char i) or switches into m after char i, whichever is cheaper; returns char i's mode.
    private static byte Switch(int m, ref int cost, int head, int first, int firstCost, int second, int secondCost)
    {
        var mode = cost < Unreachable ? (byte)m : byte.MaxValue;
        if (head >= Unreachable)
        {
            return mode;
        }

        var (from, closed) = first != m ? (first, firstCost) : (second, secondCost);
        if (from >= 0 && closed + head < cost)
        {
            cost = closed + head;
            mode = (byte)from;
        }

        return mode;
    }

    /// <summary>Walks back from the cheapest final state and collects the runs in order.</summary>
    private static bool Collect(ReadOnlySpan<char> text, byte[] choice, int best, TextCharset charset, List<TextRun> runs)
    {
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

    /// <summary>
    /// A lower bound, in bits, of any encoding of the text's data (every character at its cheapest mode, no
    /// headers), used to skip version classes that cannot hold it without planning them.
    /// </summary>
    public static int LowerBoundBits(ReadOnlySpan<char> text, TextCharset charset)
    {
        long sixths = 0;
        foreach (var c in text)
        {
            sixths += CharSets.IsDigit(c) ? 20 : CharSets.AlphanumericValue(c) >= 0 ? 33 : Math.Min(78, charset.ByteCost(c) * 48);
        }

        return (int)Math.Min(int.MaxValue, sixths / 6);
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
