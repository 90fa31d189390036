using System.Diagnostics;
using System.Numerics;
using QrForge.Encoding;

namespace QrForge.Scanning;

/// <summary>
/// The reader's own tables of ISO/IEC 18004:2015: error correction block structure (Table 9), alignment pattern
/// centres (Annex E), and the BCH-coded format (§7.9) and version (§7.10) information, decoded by nearest valid word.
/// </summary>
internal static class SymbolTables
{
    // Table 9, ECC codewords per block, indexed [ecc ordinal L,M,Q,H][version 1-40] (index 0 unused).
    private static ReadOnlySpan<byte> EccPerBlock =>
    [
        0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ];

    // Table 9, number of error correction blocks, same indexing.
    private static ReadOnlySpan<byte> BlockCount =>
    [
        0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ];

    // Format information (§7.9.1): 5 data bits BCH(15,5)-coded with generator 0x537, then XORed with 0x5412 so that
    // no valid word is all zero. Micro QR uses the same code XORed with 0x4445 (§7.9.2).
    private const int FormatGenerator = 0x537;
    private const int QrFormatMask = 0x5412;
    private const int MicroFormatMask = 0x4445;

    // Version information (§7.10): 6 data bits BCH(18,6)-coded with generator 0x1F25, versions 7-40.
    private const int VersionGenerator = 0x1F25;

    private static readonly int[] QrFormatWords = BuildFormatWords(QrFormatMask);
    private static readonly int[] MicroFormatWords = BuildFormatWords(MicroFormatMask);
    private static readonly int[] VersionWords = BuildVersionWords();
    private static readonly bool[]?[] FunctionMasks = new bool[]?[41];

    /// <summary>
    /// Micro QR symbol numbers 0–7 of the format information (Table 13): version M1–M4 with its level, then data
    /// codewords (the last one of M1 and M3 only 4 bits) and ECC codewords of the single block (Table 9).
    /// </summary>
    public static (int Version, Ecc Ecc, int DataCodewords, int EccCodewords) MicroSymbol(int number) => number switch
    {
        0 => (1, Ecc.L, 3, 2),
        1 => (2, Ecc.L, 5, 5),
        2 => (2, Ecc.M, 4, 6),
        3 => (3, Ecc.L, 11, 6),
        4 => (3, Ecc.M, 9, 8),
        5 => (4, Ecc.L, 16, 8),
        6 => (4, Ecc.M, 14, 10),
        _ => (4, Ecc.Q, 10, 14),
    };

    /// <summary>Micro QR mask 0–3 as the QR Code mask pattern it equals (Table 10): 1, 4, 6, 7.</summary>
    public static int MicroMaskToQr(int mask) => mask switch { 0 => 1, 1 => 4, 2 => 6, _ => 7 };

    /// <summary>Function modules of Micro QR (finder and separator, format area, timing along row and column 0).</summary>
    public static bool[] MicroFunctionMask(int version)
    {
        var size = (version * 2) + 9;
        var mask = new bool[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                mask[(y * size) + x] = (x <= 8 && y <= 8) || x == 0 || y == 0;
            }
        }

        return mask;
    }

    /// <summary>Side of a QR Code symbol of <paramref name="version"/> (1–40) in modules.</summary>
    public static int Size(int version) => (version * 4) + 17;

    /// <summary>Ecc ordinal 0–3 (L, M, Q, H) to its 2-bit format indicator (Table 12): L 01, M 00, Q 11, H 10.</summary>
    public static Ecc EccFromFormatBits(int bits) => bits switch
    {
        1 => Ecc.L,
        0 => Ecc.M,
        3 => Ecc.Q,
        _ => Ecc.H,
    };

    public static int EccCodewordsPerBlock(int version, Ecc ecc) => EccPerBlock[((int)ecc * 41) + version];

    public static int Blocks(int version, Ecc ecc) => BlockCount[((int)ecc * 41) + version];

    /// <summary>Data and ECC codewords of a QR Code symbol: the data modules (all but function patterns) over 8.</summary>
    public static int TotalCodewords(int version)
    {
        var modules = (((16 * version) + 128) * version) + 64;
        if (version >= 2)
        {
            var alignments = (version / 7) + 2;
            modules -= (((25 * alignments) - 10) * alignments) - 55;
            if (version >= 7)
            {
                modules -= 36;
            }
        }

        return modules / 8;
    }

    /// <summary>Centre coordinates of the alignment patterns along one axis (Annex E); empty for version 1.</summary>
    public static int[] AlignmentCentres(int version)
    {
        if (version == 1)
        {
            return [];
        }

        var count = (version / 7) + 2;
        var step = version == 32 ? 26 : ((version * 4) + (count * 2) + 1) / ((count * 2) - 2) * 2;
        var result = new int[count];
        result[0] = 6;
        for (int i = count - 1, pos = Size(version) - 7; i >= 1; i--, pos -= step)
        {
            result[i] = pos;
        }

        return result;
    }

    /// <summary>Modules of the function patterns (finder, separators, timing, alignment, format, version), row-major.</summary>
    public static bool[] FunctionMask(int version)
    {
        var cached = Volatile.Read(ref FunctionMasks[version]);
        if (cached is not null)
        {
            return cached;
        }

        var size = Size(version);
        var mask = new bool[size * size];
        void Fill(int left, int top, int width, int height)
        {
            for (var y = Math.Max(0, top); y < Math.Min(size, top + height); y++)
            {
                for (var x = Math.Max(0, left); x < Math.Min(size, left + width); x++)
                {
                    mask[(y * size) + x] = true;
                }
            }
        }

        // Finders with separators and the format areas next to them (9x9, 8x9, 9x8), the dark module included.
        Fill(0, 0, 9, 9);
        Fill(size - 8, 0, 8, 9);
        Fill(0, size - 8, 9, 8);
        Fill(6, 0, 1, size);
        Fill(0, 6, size, 1);
        var centres = AlignmentCentres(version);
        foreach (var cy in centres)
        {
            foreach (var cx in centres)
            {
                if ((cx == 6 && cy == 6) || (cx == 6 && cy == size - 7) || (cx == size - 7 && cy == 6))
                {
                    continue;
                }

                Fill(cx - 2, cy - 2, 5, 5);
            }
        }

        if (version >= 7)
        {
            Fill(size - 11, 0, 3, 6);
            Fill(0, size - 11, 6, 3);
        }

        Volatile.Write(ref FunctionMasks[version], mask);
        return mask;
    }

    /// <summary>Whether the mask pattern <paramref name="mask"/> (0–7, Table 10) inverts module (x = column, y = row).</summary>
    public static bool MaskBit(int mask, int x, int y) => mask switch
    {
        0 => ((x + y) & 1) == 0,
        1 => (y & 1) == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (((y / 2) + (x / 3)) & 1) == 0,
        5 => ((x * y) & 1) + ((x * y) % 3) == 0,
        6 => ((((x * y) & 1) + ((x * y) % 3)) & 1) == 0,
        _ => ((((x + y) & 1) + ((x * y) % 3)) & 1) == 0,
    };

    /// <summary>
    /// The 5 data bits of the valid format word nearest to <paramref name="read"/> when within Hamming distance 3
    /// (the code corrects up to 3 bit errors), else -1. <paramref name="micro"/> picks the Micro QR mask.
    /// </summary>
    public static int DecodeFormat(int read, bool micro, out int distance)
    {
        var words = micro ? MicroFormatWords : QrFormatWords;
        var best = -1;
        distance = int.MaxValue;
        for (var data = 0; data < 32; data++)
        {
            var d = BitOperations.PopCount((uint)(read ^ words[data]));
            if (d < distance)
            {
                distance = d;
                best = data;
            }
        }

        return distance <= 3 ? best : -1;
    }

    /// <summary>The version 7–40 whose 18-bit word is nearest to <paramref name="read"/> within distance 3, else -1.</summary>
    public static int DecodeVersion(int read)
    {
        var best = -1;
        var bestDistance = int.MaxValue;
        for (var version = 7; version <= 40; version++)
        {
            var d = BitOperations.PopCount((uint)(read ^ VersionWords[version]));
            if (d < bestDistance)
            {
                bestDistance = d;
                best = version;
            }
        }

        return bestDistance <= 3 ? best : -1;
    }

    private static int[] BuildFormatWords(int xorMask)
    {
        var words = new int[32];
        for (var data = 0; data < 32; data++)
        {
            words[data] = ((data << 10) | Remainder(data << 10, FormatGenerator, 10)) ^ xorMask;
        }

        return words;
    }

    private static int[] BuildVersionWords()
    {
        var words = new int[41];
        for (var version = 7; version <= 40; version++)
        {
            words[version] = (version << 12) | Remainder(version << 12, VersionGenerator, 12);
        }

        return words;
    }

    /// <summary>Remainder of the polynomial <paramref name="value"/> divided by <paramref name="generator"/> of degree <paramref name="degree"/>.</summary>
    private static int Remainder(int value, int generator, int degree)
    {
        for (var bit = 31 - BitOperations.LeadingZeroCount((uint)value); bit >= degree; bit--)
        {
            if ((value & (1 << bit)) != 0)
            {
                value ^= generator << (bit - degree);
            }
        }

        Debug.Assert(value < (1 << degree));
        return value;
    }
}
