using System.Buffers;
using System.Diagnostics;

namespace QrForge.Encoding;

/// <summary>
/// The data bit stream (§7.4.2–7.4.10): structured append, ECI and FNC1 headers, then each run's mode indicator,
/// count field and data, the terminator and the pad codewords.
/// </summary>
internal static class DataCodewords
{
    /// <summary>
    /// Writes the data codewords: headers, segments, terminator (zeros, shortened at the end of the capacity),
    /// zero bits to a codeword boundary, then the pad codewords 0xEC 0x11 alternately (§7.4.10). M1 and M3 end
    /// with a 4-bit codeword, held in the high half of the last byte, whose pad is 0000.
    /// </summary>
    public static QrSegmentInfo[] Write(in Payload p, List<TextRun> runs, int version, bool micro, Ecc ecc, int bits, Span<byte> data)
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
        var rented = byteCount > StackLimit ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
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
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
