using System.Text;
using QrForge.Encoding;

namespace QrForge.Scanning;

/// <summary>A stretch of payload bytes in one character set; <see cref="Eci"/> null means none was declared.</summary>
internal sealed record TextRun(int? Eci, bool Kanji, byte[] Bytes);

/// <summary>The parsed bit stream of one symbol: its text runs and header fields.</summary>
internal sealed record ParsedData(
    IReadOnlyList<TextRun> Runs,
    int? Eci,
    QrFnc1 Fnc1,
    string? ApplicationIndicator,
    int StructuredAppendIndex,
    int StructuredAppendCount,
    int StructuredAppendParity);

/// <summary>
/// Parses the data bit stream (§7.4): numeric, alphanumeric, byte and kanji segments, ECI designators, FNC1 in first
/// and second position and the structured append header, up to the terminator or the end of the data.
/// </summary>
internal static class SegmentParser
{
    private const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    public static ParsedData? Parse(ReadOnlySpan<byte> data, int version, bool micro, int bitLimit)
    {
        var reader = new BitReader(data) { BitLimit = Math.Min(bitLimit, data.Length * 8) };
        var runs = new List<TextRun>();
        var current = new List<byte>();
        int? eci = null;
        int? firstEci = null;
        var currentKanji = false;
        var fnc1 = QrFnc1.None;
        string? applicationIndicator = null;
        int saIndex = -1, saCount = 0, saParity = 0;

        void Flush()
        {
            if (current.Count > 0)
            {
                runs.Add(new TextRun(eci, currentKanji, [.. current]));
                current.Clear();
            }
        }

        void Switch(bool kanji)
        {
            if (currentKanji != kanji)
            {
                Flush();
                currentKanji = kanji;
            }
        }

        // Character count bits (Table 3) for QR Code versions 1-9, 10-26, 27-40; Micro QR M1-M4 separately.
        var band = version <= 9 ? 0 : version <= 26 ? 1 : 2;
        var modeBits = micro ? version - 1 : 4;
        while (true)
        {
            // Fewer bits than a terminator (QR Code 4; Micro QR 3, 5, 7, 9 for M1-M4) left: the rest is padding.
            if (reader.Remaining < (micro ? (2 * version) + 1 : 4))
            {
                break;
            }

            var indicator = modeBits == 0 ? 0 : reader.Read(modeBits);
            var mode = micro ? MicroMode(indicator) : indicator;
            switch (mode)
            {
                case 0 when !micro: // terminator 0000
                    Flush();
                    return Result();
                case 1: // numeric
                    {
                        Switch(false);
                        var count = reader.Read(micro ? version + 2 : band switch { 0 => 10, 1 => 12, _ => 14 });
                        if (micro && count == 0)
                        {
                            // Micro QR terminator (Table 2): 3, 5, 7 or 9 zero bits read as an empty numeric segment.
                            Flush();
                            return Result();
                        }

                        while (count >= 3)
                        {
                            if (reader.Remaining < 10)
                            {
                                return null;
                            }

                            var v = reader.Read(10);
                            if (v > 999)
                            {
                                return null;
                            }

                            current.Add((byte)('0' + (v / 100)));
                            current.Add((byte)('0' + (v / 10 % 10)));
                            current.Add((byte)('0' + (v % 10)));
                            count -= 3;
                        }

                        if (count == 2)
                        {
                            var v = reader.Remaining >= 7 ? reader.Read(7) : 1000;
                            if (v > 99)
                            {
                                return null;
                            }

                            current.Add((byte)('0' + (v / 10)));
                            current.Add((byte)('0' + (v % 10)));
                        }
                        else if (count == 1)
                        {
                            var v = reader.Remaining >= 4 ? reader.Read(4) : 10;
                            if (v > 9)
                            {
                                return null;
                            }

                            current.Add((byte)('0' + v));
                        }

                        break;
                    }

                case 2: // alphanumeric
                    {
                        Switch(false);
                        var count = reader.Read(micro ? version + 1 : band switch { 0 => 9, 1 => 11, _ => 13 });
                        var start = current.Count;
                        while (count >= 2)
                        {
                            if (reader.Remaining < 11)
                            {
                                return null;
                            }

                            var v = reader.Read(11);
                            if (v >= 45 * 45)
                            {
                                return null;
                            }

                            current.Add((byte)Alphanumeric[v / 45]);
                            current.Add((byte)Alphanumeric[v % 45]);
                            count -= 2;
                        }

                        if (count == 1)
                        {
                            var v = reader.Remaining >= 6 ? reader.Read(6) : 45;
                            if (v >= 45)
                            {
                                return null;
                            }

                            current.Add((byte)Alphanumeric[v]);
                        }

                        if (fnc1 != QrFnc1.None)
                        {
                            // §7.4.8.1: in FNC1 mode '%' stands for the GS separator and "%%" for a literal '%'.
                            var tail = current.GetRange(start, current.Count - start);
                            current.RemoveRange(start, tail.Count);
                            for (var i = 0; i < tail.Count; i++)
                            {
                                if (tail[i] == '%' && i + 1 < tail.Count && tail[i + 1] == '%')
                                {
                                    current.Add((byte)'%');
                                    i++;
                                }
                                else
                                {
                                    current.Add(tail[i] == '%' ? (byte)0x1D : tail[i]);
                                }
                            }
                        }

                        break;
                    }

                case 4: // byte
                    {
                        Switch(false);
                        var count = reader.Read(micro ? version + 1 : band == 0 ? 8 : 16);
                        if (reader.Remaining < count * 8)
                        {
                            return null;
                        }

                        for (var i = 0; i < count; i++)
                        {
                            current.Add((byte)reader.Read(8));
                        }

                        break;
                    }

                case 8: // kanji: 13 bits per character, back to a Shift JIS double byte (§7.4.6)
                    {
                        Switch(true);
                        var count = reader.Read(micro ? version : band switch { 0 => 8, 1 => 10, _ => 12 });
                        if (reader.Remaining < count * 13)
                        {
                            return null;
                        }

                        for (var i = 0; i < count; i++)
                        {
                            var v = reader.Read(13);
                            var assembled = ((v / 0xC0) << 8) | (v % 0xC0);
                            assembled += assembled < 0x1F00 ? 0x8140 : 0xC140;
                            current.Add((byte)(assembled >> 8));
                            current.Add((byte)assembled);
                        }

                        break;
                    }

                case 7 when !micro: // ECI designator: 1, 2 or 3 bytes by its leading bits (§7.4.2.2)
                    {
                        Flush();
                        if (reader.Remaining < 8)
                        {
                            return null;
                        }

                        var first = reader.Read(8);
                        int value;
                        if ((first & 0x80) == 0)
                        {
                            value = first;
                        }
                        else if ((first & 0xC0) == 0x80 && reader.Remaining >= 8)
                        {
                            value = ((first & 0x3F) << 8) | reader.Read(8);
                        }
                        else if ((first & 0xE0) == 0xC0 && reader.Remaining >= 16)
                        {
                            value = ((first & 0x1F) << 16) | reader.Read(16);
                        }
                        else
                        {
                            return null;
                        }

                        eci = value;
                        firstEci ??= value;
                        break;
                    }

                case 3 when !micro: // structured append header: position, count − 1, parity (§8)
                    if (reader.Remaining < 16)
                    {
                        return null;
                    }

                    saIndex = reader.Read(4);
                    saCount = reader.Read(4) + 1;
                    saParity = reader.Read(8);
                    break;
                case 5 when !micro: // FNC1 in first position
                    fnc1 = QrFnc1.First;
                    break;
                case 9 when !micro: // FNC1 in second position and its application indicator
                    {
                        if (reader.Remaining < 8)
                        {
                            return null;
                        }

                        fnc1 = QrFnc1.Second;
                        var value = reader.Read(8);
                        applicationIndicator = value < 100
                            ? value.ToString("00", System.Globalization.CultureInfo.InvariantCulture)
                            : ((char)(value - 100)).ToString();
                        break;
                    }

                default:
                    return null;
            }
        }

        Flush();
        return Result();

        ParsedData Result() => new(runs, firstEci, fnc1, applicationIndicator, saIndex, saCount, saParity);
    }

    // Micro QR mode indicators (Table 2): 0 numeric, 1 alphanumeric, 2 byte, 3 kanji; mapped to QR Code's values.
    private static int MicroMode(int indicator) => indicator switch
    {
        0 => 1,
        1 => 2,
        2 => 4,
        3 => 8,
        _ => -1,
    };

    /// <summary>The text of the runs: each in the charset its ECI names; without ECI the charset <see cref="Charsets.Guess"/> picks.</summary>
    public static string Text(IEnumerable<TextRun> runs)
    {
        var text = new StringBuilder();
        foreach (var run in Merge(runs))
        {
            text.Append(Charsets.Decode(run.Bytes, run.Eci, run.Kanji));
        }

        return text.ToString();
    }

    /// <summary>Joins neighbouring runs of the same charset so multi-byte characters split between segments or symbols survive.</summary>
    public static IEnumerable<TextRun> Merge(IEnumerable<TextRun> runs)
    {
        TextRun? pending = null;
        foreach (var run in runs)
        {
            if (pending is not null && pending.Eci == run.Eci && pending.Kanji == run.Kanji)
            {
                pending = pending with { Bytes = [.. pending.Bytes, .. run.Bytes] };
                continue;
            }

            if (pending is not null)
            {
                yield return pending;
            }

            pending = run;
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }
}

/// <summary>Reads big-endian bit fields from codewords.</summary>
internal ref struct BitReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public int BitLimit { get; set; } = data.Length * 8;

    public readonly int Remaining => BitLimit - _position;

    public int Read(int bits)
    {
        if (bits > Remaining)
        {
            // Reading past the end yields zero bits; callers check Remaining where a short read is an error.
            bits = Math.Max(0, Remaining);
        }

        var value = 0;
        for (var i = 0; i < bits; i++, _position++)
        {
            value = (value << 1) | ((_data[_position >> 3] >> (7 - (_position & 7))) & 1);
        }

        return value;
    }
}
