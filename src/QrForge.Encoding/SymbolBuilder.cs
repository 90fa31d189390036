using System.Diagnostics;

namespace QrForge.Encoding;

/// <summary>
/// Wires the stages together: plan segments and version (§7.4, Table 7), write the data bit stream with
/// terminator and pad codewords (§7.4.9–7.4.10), add Reed–Solomon codewords and interleave blocks (§7.5–7.6),
/// place the bits (§7.7), choose and apply the mask (§7.8) and write the format information (§7.9).
/// </summary>
internal static class SymbolBuilder
{
    [ThreadStatic]
    private static List<TextRun>? _runsCache;

    public static QrCode? BuildText(string text, QrEncodeOptions o, out EncodeError error) =>
        BuildText(text, o, 0, 0, 0, allowKanji: true, out error);

    public static QrCode? BuildText(ReadOnlySpan<char> text, QrEncodeOptions o, int saIndex, int saCount, byte saParity, bool allowKanji, out EncodeError error)
    {
        var p = NewPayload(o, PayloadKind.Text, saIndex, saCount, saParity);
        p.Text = text;
        if (o.Eci is int eci)
        {
            if (TextCharsetExtensions.FromEci(eci) is not TextCharset cs)
            {
                error = EncodeError.InvalidArgument($"QrForge cannot write text in the character set of ECI {eci}; encode the bytes with EncodeBinary.", nameof(o.Eci));
                return null;
            }

            p.Charset = cs;
            if (cs != TextCharset.Utf8 && !CanEncode(text, cs))
            {
                error = EncodeError.InvalidArgument($"The text has characters that ECI {eci} ({cs}) cannot represent.", "text");
                return null;
            }
        }

        p.AllowKanji = allowKanji && o.Eci is null && ShiftJis.CodePage is not null;
        if (o.Mode is QrMode forced && !Representable(text, forced))
        {
            error = EncodeError.InvalidArgument($"The text cannot be written in {forced} mode.", "text");
            return null;
        }

        if (o.Eci is null && o.Mode != QrMode.Kanji && !System.Text.Ascii.IsValid(text))
        {
            ChooseTextEncoding(ref p, text, o);
        }

        return Build(ref p, o, out error);
    }

    public static QrCode? BuildBinary(ReadOnlySpan<byte> data, QrEncodeOptions o, out EncodeError error) =>
        BuildBinary(data, o, 0, 0, 0, out error);

    public static QrCode? BuildBinary(ReadOnlySpan<byte> data, QrEncodeOptions o, int saIndex, int saCount, byte saParity, out EncodeError error)
    {
        var p = NewPayload(o, PayloadKind.Bytes, saIndex, saCount, saParity);
        p.Bytes = data;
        if (o.Mode is QrMode forced && forced != QrMode.Byte)
        {
            error = EncodeError.InvalidArgument("Binary data is written in byte mode; use EncodeText for other modes.", nameof(o.Mode));
            return null;
        }

        return Build(ref p, o, out error);
    }

    public static QrCode? BuildSegments(IReadOnlyList<QrSegment> segments, QrEncodeOptions o, out EncodeError error)
    {
        var p = NewPayload(o, PayloadKind.Segments, 0, 0, 0);
        p.Segments = segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i] ?? throw new ArgumentException("A segment is null.", nameof(segments));
            if (o.Micro && s.Mode > QrMode.Kanji)
            {
                error = EncodeError.InvalidArgument($"Micro QR symbols cannot hold a {s.Mode} segment.", nameof(segments));
                return null;
            }
        }

        return Build(ref p, o, out error);
    }

    private static Payload NewPayload(QrEncodeOptions o, PayloadKind kind, int saIndex, int saCount, byte saParity) => new()
    {
        Kind = kind,
        Charset = TextCharset.Utf8,
        ForcedMode = o.Mode,
        Eci = o.Eci ?? -1,
        Fnc1 = o.Fnc1,
        AppIndicator = o.ApplicationIndicator,
        SaIndex = saIndex,
        SaCount = saCount,
        SaParity = saParity,
    };

    /// <summary>
    /// How non-ASCII text is written when the caller names no ECI, so that zbar, ZXing and phone cameras all read
    /// it back: text whose non-ASCII characters all exist in Shift JIS goes in kanji mode with ASCII-only byte
    /// runs and no designator; any other non-ASCII text is UTF-8 behind an ECI 26 designator, because readers
    /// guess the character set of undesignated bytes (zbar reads short UTF-8 as Shift JIS). Micro QR, which
    /// has no ECI, falls back to undesignated UTF-8.
    /// </summary>
    private static void ChooseTextEncoding(ref Payload p, ReadOnlySpan<char> text, QrEncodeOptions o)
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

    internal static bool AllNonAsciiKanji(ReadOnlySpan<char> text)
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

    private static QrCode? Build(ref Payload p, QrEncodeOptions o, out EncodeError error)
    {
        var invalid = VersionRange.Validate(o, out var maxVersion);
        if (invalid is not null)
        {
            error = EncodeError.InvalidArgument(invalid);
            return null;
        }

        var runs = _runsCache ??= new List<TextRun>(16);
        var micro = o.Micro;
        var ecc = o.Ecc;
        var lowerBound = p.Kind == PayloadKind.Text && p.ForcedMode is null ? Segmenter.LowerBoundBits(p.Text, p.Charset) : 0;
        int version = -1, bits = -1, lastBits = -1;
        var overflow = false;
        for (var v = o.MinVersion; v <= maxVersion && version < 0;)
        {
            // QR Code count fields are the same through a version class, so one plan serves the class.
            var classEnd = micro ? v : Math.Min(maxVersion, Tables.ClassMaxVersion(Tables.VersionClass(v)));
            if (micro && !Tables.Supports(v, ecc, micro))
            {
                v++;
                continue;
            }

            if (lowerBound > Tables.DataBits(classEnd, ecc, micro))
            {
                v = classEnd + 1; // not even the largest version of the class at the lowest level holds it
                continue;
            }

            var planned = Plan(ref p, v, micro, runs);
            lastBits = planned;
            overflow |= planned == Overflow;
            for (var w = v; planned >= 0 && w <= classEnd; w++)
            {
                if (planned <= Tables.DataBits(w, ecc, micro))
                {
                    version = w;
                    bits = planned;
                    break;
                }
            }

            v = classEnd + 1;
        }

        if (version < 0)
        {
            // Report the need at the largest allowed version (the classes skipped above were never planned).
            lastBits = Plan(ref p, maxVersion, micro, runs);
            overflow |= lastBits == Overflow;
            error = NotFitting(p, o, maxVersion, lastBits, overflow);
            return null;
        }

        if (o.BoostEcc)
        {
            for (var e = ecc + 1; e <= Ecc.H; e++)
            {
                if (Tables.Supports(version, e, micro) && bits <= Tables.DataBits(version, e, micro))
                {
                    ecc = e;
                }
            }
        }

        error = default;
        return Assemble(ref p, runs, version, micro, ecc, bits, o.Mask);
    }

    private static EncodeError NotFitting(Payload p, QrEncodeOptions o, int maxVersion, int lastBits, bool overflow)
    {
        var micro = o.Micro;
        if (micro && !Tables.Supports(maxVersion, o.Ecc, true) && (maxVersion < 4 || o.Ecc == Ecc.H))
        {
            var anySupported = false;
            for (var v = o.MinVersion; v <= maxVersion; v++)
            {
                anySupported |= Tables.Supports(v, o.Ecc, true);
            }

            if (!anySupported)
            {
                return EncodeError.InvalidArgument($"Micro QR versions M{o.MinVersion}-M{maxVersion} do not offer error correction level {o.Ecc}.", nameof(o.Ecc));
            }
        }

        if (lastBits == Unrepresentable)
        {
            return EncodeError.InvalidArgument(micro
                ? $"The data has characters that Micro QR M{o.MinVersion}-M{maxVersion} cannot hold in any of its modes."
                : "The data cannot be written in the forced mode.", "data");
        }

        var available = Tables.DataBits(maxVersion, o.Ecc, micro);
        return new EncodeError(null, overflow && lastBits < 0 ? -1 : lastBits, available, maxVersion, o.Ecc, micro, true);
    }

    private const int Unrepresentable = -2;
    private const int Overflow = -1;

    /// <summary>
    /// Fills <paramref name="runs"/> for <paramref name="version"/> and returns the total bits (headers, mode
    /// indicators, count fields and data), <see cref="Overflow"/> when a count does not fit its field, or
    /// <see cref="Unrepresentable"/> when the symbol has no mode for some of the data.
    /// </summary>
    private static int Plan(ref Payload p, int version, bool micro, List<TextRun> runs)
    {
        runs.Clear();
        switch (p.Kind)
        {
            case PayloadKind.Text when p.ForcedMode is QrMode forced:
                var count = forced == QrMode.Byte ? p.Charset.ByteCount(p.Text) : p.Text.Length;
                if (p.Text.Length > 0)
                {
                    runs.Add(new TextRun(forced, 0, p.Text.Length, count));
                }

                break;
            case PayloadKind.Text:
                if (!Segmenter.Plan(p.Text, version, micro, p.AllowKanji, p.Charset, p.AsciiBytesOnly, runs))
                {
                    return Unrepresentable;
                }

                break;
            case PayloadKind.Bytes:
                if (p.Bytes.Length > 0)
                {
                    runs.Add(new TextRun(QrMode.Byte, 0, p.Bytes.Length, p.Bytes.Length));
                }

                break;
            default:
                var segments = p.Segments!;
                for (var i = 0; i < segments.Count; i++)
                {
                    var s = segments[i];
                    runs.Add(new TextRun(s.Mode, i, 0, s.CharCount));
                }

                break;
        }

        var bits = p.HeaderBits();
        var modeBits = Tables.ModeIndicatorBits(version, micro);
        foreach (var run in runs)
        {
            if (run.Mode > QrMode.Kanji)
            {
                bits += 4 + p.Segments![run.Start].BitLength; // a header segment given by the caller
                continue;
            }

            var cc = Tables.CharCountBits(run.Mode, version, micro);
            if (cc == 0)
            {
                return Unrepresentable;
            }

            if (run.CharCount >= 1 << cc)
            {
                return Overflow;
            }

            bits += modeBits + cc + (p.Kind == PayloadKind.Segments ? p.Segments![run.Start].BitLength : Segmenter.DataBits(run));
        }

        return bits;
    }

    private static QrCode Assemble(ref Payload p, List<TextRun> runs, int version, bool micro, Ecc ecc, int bits, int? forcedMask)
    {
        var dataCodewords = Tables.DataCodewords(version, ecc, micro);
        Span<byte> data = stackalloc byte[dataCodewords];
        var infos = WriteData(in p, runs, version, micro, ecc, bits, data);
        var total = Tables.TotalCodewords(version, micro);
        Span<byte> codewords = stackalloc byte[total];
        Interleave(data, codewords, version, ecc, micro);
        return Place(codewords, version, micro, ecc, dataCodewords, forcedMask, infos);
    }

    /// <summary>
    /// Writes the data codewords: headers, segments, terminator (zeros, shortened at the end of the capacity),
    /// zero bits to a codeword boundary, then the pad codewords 0xEC 0x11 alternately (§7.4.10). M1 and M3 end
    /// with a 4-bit codeword, held in the high half of the last byte, whose pad is 0000.
    /// </summary>
    private static QrSegmentInfo[] WriteData(in Payload p, List<TextRun> runs, int version, bool micro, Ecc ecc, int bits, Span<byte> data)
    {
        var capacity = Tables.DataBits(version, ecc, micro);
        var w = new BitWriter(data);
        WriteHeaders(ref w, in p);
        var infos = new QrSegmentInfo[runs.Count + HeaderCount(p)];
        var infoIndex = FillHeaderInfos(infos, p);
        var modeBits = Tables.ModeIndicatorBits(version, micro);
        foreach (var run in runs)
        {
            var before = w.BitLength;
            WriteRun(ref w, in p, run, version, micro, modeBits);
            infos[infoIndex++] = new QrSegmentInfo(run.Mode, run.Mode > QrMode.Kanji ? 0 : run.CharCount, w.BitLength - before);
        }

        Debug.Assert(w.BitLength == bits, "the planned and written lengths agree");
        var end = Math.Min(capacity, bits + Tables.TerminatorBits(version, micro));
        var fullCodewords = micro && (version == 1 || version == 3) ? data.Length - 1 : data.Length;
        var pad = (byte)0xEC;
        for (var i = (end + 7) >> 3; i < fullCodewords; i++)
        {
            data[i] = pad;
            pad ^= 0xEC ^ 0x11;
        }

        return infos;
    }

    /// <summary>The final codeword sequence (data and error correction, interleaved) of a text, for tests and diagnostics.</summary>
    internal static byte[] FinalCodewords(string text, QrEncodeOptions o, out QrCode symbol)
    {
        symbol = QrCode.EncodeText(text, o);
        var p = NewPayload(o, PayloadKind.Text, 0, 0, 0);
        p.Text = text;
        p.AllowKanji = o.Eci is null;
        if (o.Eci is null && !System.Text.Ascii.IsValid(text))
        {
            ChooseTextEncoding(ref p, text, o);
        }

        var runs = new List<TextRun>();
        var bits = Plan(ref p, symbol.Version, symbol.IsMicro, runs);
        var data = new byte[Tables.DataCodewords(symbol.Version, symbol.Ecc, symbol.IsMicro)];
        WriteData(in p, runs, symbol.Version, symbol.IsMicro, symbol.Ecc, bits, data);
        var result = new byte[Tables.TotalCodewords(symbol.Version, symbol.IsMicro)];
        Interleave(data, result, symbol.Version, symbol.Ecc, symbol.IsMicro);
        return result;
    }

    private static int HeaderCount(Payload p) =>
        (p.SaCount > 0 ? 1 : 0) + (p.Eci >= 0 ? 1 : 0) + (p.Fnc1 != QrFnc1.None ? 1 : 0);

    private static int FillHeaderInfos(QrSegmentInfo[] infos, Payload p)
    {
        var i = 0;
        if (p.SaCount > 0)
        {
            infos[i++] = new QrSegmentInfo(QrMode.StructuredAppend, 0, 20);
        }

        if (p.Eci >= 0)
        {
            infos[i++] = new QrSegmentInfo(QrMode.Eci, 0, 4 + BitCosts.EciBits(p.Eci));
        }

        if (p.Fnc1 != QrFnc1.None)
        {
            infos[i++] = new QrSegmentInfo(p.Fnc1 == QrFnc1.First ? QrMode.Fnc1First : QrMode.Fnc1Second, 0, p.Fnc1 == QrFnc1.First ? 4 : 12);
        }

        return i;
    }

    // Mode indicators (Table 2): QR Code 4 bits; Micro QR 0-3 bits numbering numeric, alphanumeric, byte, kanji 0-3.
    private static int ModeIndicator(QrMode mode, bool micro) => micro
        ? (int)mode
        : mode switch
        {
            QrMode.Numeric => 0b0001,
            QrMode.Alphanumeric => 0b0010,
            QrMode.Byte => 0b0100,
            QrMode.Kanji => 0b1000,
            QrMode.Eci => 0b0111,
            QrMode.Fnc1First => 0b0101,
            QrMode.Fnc1Second => 0b1001,
            _ => 0b0011, // structured append
        };

    private static void WriteHeaders(ref BitWriter w, in Payload p)
    {
        if (p.SaCount > 0)
        {
            w.Write(ModeIndicator(QrMode.StructuredAppend, false), 4);
            w.Write(p.SaIndex, 4);
            w.Write(p.SaCount - 1, 4);
            w.Write(p.SaParity, 8);
        }

        if (p.Eci >= 0)
        {
            w.Write(ModeIndicator(QrMode.Eci, false), 4);
            SegmentWriter.WriteEciValue(ref w, p.Eci);
        }

        if (p.Fnc1 == QrFnc1.First)
        {
            w.Write(ModeIndicator(QrMode.Fnc1First, false), 4);
        }
        else if (p.Fnc1 == QrFnc1.Second)
        {
            w.Write(ModeIndicator(QrMode.Fnc1Second, false), 4);
            w.Write(SegmentWriter.ApplicationIndicatorByte(p.AppIndicator), 8); // validated with the options
        }
    }

    private static void WriteRun(ref BitWriter w, in Payload p, TextRun run, int version, bool micro, int modeBits)
    {
        if (p.Kind == PayloadKind.Segments)
        {
            var s = p.Segments![run.Start];
            if (s.Mode > QrMode.Kanji)
            {
                w.Write(ModeIndicator(s.Mode, false), 4);
            }
            else
            {
                w.Write(ModeIndicator(s.Mode, micro), modeBits);
                w.Write(s.CharCount, Tables.CharCountBits(s.Mode, version, micro));
            }

            w.WriteBits(s.Data, s.BitLength);
            return;
        }

        w.Write(ModeIndicator(run.Mode, micro), modeBits);
        w.Write(run.CharCount, Tables.CharCountBits(run.Mode, version, micro));
        if (p.Kind == PayloadKind.Bytes)
        {
            w.WriteBytes(p.Bytes);
            return;
        }

        var text = p.Text.Slice(run.Start, run.Length);
        switch (run.Mode)
        {
            case QrMode.Numeric:
                SegmentWriter.WriteNumeric(ref w, text);
                break;
            case QrMode.Alphanumeric:
                SegmentWriter.WriteAlphanumeric(ref w, text);
                break;
            case QrMode.Kanji:
                SegmentWriter.WriteKanji(ref w, text);
                break;
            default:
                WriteTextBytes(ref w, text, p.Charset, run.CharCount, gs1Separators: p.Fnc1 != QrFnc1.None);
                break;
        }
    }

    /// <summary>
    /// Writes byte-mode text. With FNC1, <c>%</c> stands for the field separator: alphanumeric mode carries it
    /// as <c>%</c> itself (§7.4.8.1), but byte mode must carry GS (0x1D), which is written in its place.
    /// </summary>
    private static void WriteTextBytes(ref BitWriter w, ReadOnlySpan<char> text, TextCharset charset, int byteCount, bool gs1Separators)
    {
        if (charset == TextCharset.Latin1)
        {
            foreach (var c in text)
            {
                w.Write(gs1Separators && c == '%' ? 0x1D : c, 8);
            }

            return;
        }

        const int StackLimit = 1024;
        var rented = byteCount > StackLimit ? System.Buffers.ArrayPool<byte>.Shared.Rent(byteCount) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            var written = charset.GetEncoding().GetBytes(text, buffer);
            Debug.Assert(written == byteCount);
            if (gs1Separators && charset == TextCharset.Utf8)
            {
                buffer[..written].Replace((byte)'%', (byte)0x1D); // 0x25 never occurs inside a UTF-8 sequence
            }

            w.WriteBytes(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Splits the data codewords into blocks (Table 9: the later blocks are one codeword longer), computes each
    /// block's error correction codewords, and interleaves data then error correction codewords (§7.6).
    /// </summary>
    private static void Interleave(ReadOnlySpan<byte> data, Span<byte> result, int version, Ecc ecc, bool micro)
    {
        var blocks = Tables.BlockCount(version, ecc, micro);
        var eccLen = Tables.EccPerBlock(version, ecc, micro);
        var total = result.Length;
        var shortBlocks = blocks - total % blocks;
        var shortData = total / blocks - eccLen;
        Span<byte> eccAll = stackalloc byte[blocks * eccLen];
        var offset = 0;
        for (var b = 0; b < blocks; b++)
        {
            var len = shortData + (b < shortBlocks ? 0 : 1);
            ReedSolomon.Compute(data.Slice(offset, len), eccAll.Slice(b * eccLen, eccLen));
            offset += len;
        }

        Debug.Assert(offset == data.Length);
        if (blocks == 1)
        {
            data.CopyTo(result);
            eccAll.CopyTo(result[data.Length..]);
            return;
        }

        var k = 0;
        for (var i = 0; i <= shortData; i++)
        {
            for (var b = 0; b < blocks; b++)
            {
                if (i < shortData || b >= shortBlocks)
                {
                    result[k++] = data[b * shortData + Math.Max(0, b - shortBlocks) + i];
                }
            }
        }

        for (var i = 0; i < eccLen; i++)
        {
            for (var b = 0; b < blocks; b++)
            {
                result[k++] = eccAll[b * eccLen + i];
            }
        }
    }

    private static QrCode Place(ReadOnlySpan<byte> codewords, int version, bool micro, Ecc ecc, int dataCodewords, int? forcedMask, QrSegmentInfo[] infos)
    {
        var t = SymbolTemplate.For(version, micro);
        var size = t.Size;
        var stride = t.Stride;
        var words = size * stride;
        Span<ulong> dataRows = stackalloc ulong[words];
        Span<ulong> dataCols = stackalloc ulong[words];
        var positions = t.DataPositions;
        var bit = 0;
        var nibbleAt = micro && (version == 1 || version == 3) ? dataCodewords - 1 : -1;
        for (var i = 0; i < codewords.Length; i++)
        {
            int c = codewords[i];
            var count = i == nibbleAt ? 4 : 8;
            if (c == 0)
            {
                bit += count;
                continue;
            }

            for (var j = 7; j >= 8 - count; j--, bit++)
            {
                if (((c >> j) & 1) != 0)
                {
                    var pos = positions[bit];
                    int x = pos & 0xFF, y = pos >> 8;
                    dataRows[y * stride + (x >> 6)] |= 1UL << (x & 63);
                    dataCols[x * stride + (y >> 6)] |= 1UL << (y & 63);
                }
            }
        }

        var mask = forcedMask ?? ChooseMask(t, dataRows, dataCols, version, ecc);
        var modules = new ulong[words];
        Compose(t, dataRows, mask, FormatFor(version, micro, ecc, mask), modules, null, default);
        return new QrCode(version, micro, ecc, mask, modules, infos);
    }

    private static int FormatFor(int version, bool micro, Ecc ecc, int mask) =>
        micro ? FormatBits.MicroFormat(version, ecc, mask) : FormatBits.QrFormat(ecc, mask);

    private static int ChooseMask(SymbolTemplate t, ReadOnlySpan<ulong> dataRows, ReadOnlySpan<ulong> dataCols, int version, Ecc ecc)
    {
        var words = dataRows.Length;
        Span<ulong> rows = stackalloc ulong[words];
        Span<ulong> cols = stackalloc ulong[words];
        var best = 0;
        var bestScore = t.Micro ? int.MinValue : int.MaxValue;
        for (var m = 0; m < t.MaskRows.Length; m++)
        {
            var format = FormatFor(version, t.Micro, ecc, m);
            if (t.Micro)
            {
                Compose(t, dataRows, m, format, rows, null, default);
                var score = Penalty.MicroScore(rows, t.Size);
                if (score > bestScore)
                {
                    (best, bestScore) = (m, score);
                }
            }
            else
            {
                Compose(t, dataRows, m, format, rows, cols, dataCols);
                var score = Penalty.Score(rows, cols, t.Size, t.Stride);
                if (score < bestScore)
                {
                    (best, bestScore) = (m, score);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Final modules for one mask: function patterns | (data XOR mask), then the format bits. When
    /// <paramref name="cols"/> is given, the transposed grid is composed too.
    /// </summary>
    private static void Compose(SymbolTemplate t, ReadOnlySpan<ulong> dataRows, int mask, int format, Span<ulong> rows, Span<ulong> cols, ReadOnlySpan<ulong> dataCols)
    {
        var fr = t.FunctionRows;
        var mr = t.MaskRows[mask];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = fr[i] | (dataRows[i] ^ mr[i]);
        }

        var withCols = !cols.IsEmpty;
        if (withCols)
        {
            var fc = t.FunctionCols;
            var mc = t.MaskCols[mask];
            for (var i = 0; i < cols.Length; i++)
            {
                cols[i] = fc[i] | (dataCols[i] ^ mc[i]);
            }
        }

        var stride = t.Stride;
        foreach (var (x, y, b) in t.FormatModules)
        {
            if (((format >> b) & 1) != 0)
            {
                rows[y * stride + (x >> 6)] |= 1UL << (x & 63);
                if (withCols)
                {
                    cols[x * stride + (y >> 6)] |= 1UL << (y & 63);
                }
            }
        }
    }

    private static bool CanEncode(ReadOnlySpan<char> text, TextCharset charset)
    {
        try
        {
            charset.GetEncoding().GetByteCount(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
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
