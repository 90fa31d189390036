using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Properties;

/// <summary>
/// The numbers of ISO/IEC 18004:2015 that decide whether data fits, written out again here (from Table 7 and
/// Table 3, cross-checked against segno's tables) so the tests do not take them from the encoder they check.
/// </summary>
internal static class IsoTables
{
    // Table 7: data codewords for versions 1-40, one row per level L, M, Q, H.
    private static readonly int[][] DataCodewords =
    [
        [19, 34, 55, 80, 108, 136, 156, 194, 232, 274, 324, 370, 428, 461, 523, 589, 647, 721, 795, 861, 932, 1006, 1094, 1174, 1276, 1370, 1468, 1531, 1631, 1735, 1843, 1955, 2071, 2191, 2306, 2434, 2566, 2702, 2812, 2956],
        [16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563, 627, 669, 714, 782, 860, 914, 1000, 1062, 1128, 1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914, 1992, 2102, 2216, 2334],
        [13, 22, 34, 48, 62, 76, 88, 110, 132, 154, 180, 206, 244, 261, 295, 325, 367, 397, 445, 485, 512, 568, 614, 664, 718, 754, 808, 871, 911, 985, 1033, 1115, 1171, 1231, 1286, 1354, 1426, 1502, 1582, 1666],
        [9, 16, 26, 36, 46, 60, 66, 86, 100, 122, 140, 158, 180, 197, 223, 253, 283, 313, 341, 385, 406, 442, 464, 514, 538, 596, 628, 661, 701, 745, 793, 845, 901, 961, 986, 1054, 1096, 1142, 1222, 1276],
    ];

    // Table 7, Micro QR data capacity in bits (M1 and M3 end with a 4-bit codeword); 0 where the level does not exist.
    private static readonly int[][] MicroDataBits =
    [
        [20, 0, 0],    // M1: error detection only, reported as L
        [40, 32, 0],   // M2-L, M2-M
        [84, 68, 0],   // M3-L, M3-M
        [128, 112, 80], // M4-L, M4-M, M4-Q
    ];

    /// <summary>Data bits of the symbol, or 0 when Micro QR has no such level.</summary>
    public static int DataBits(int version, Ecc ecc, bool micro)
    {
        if (micro)
        {
            return ecc == Ecc.H ? 0 : MicroDataBits[version - 1][(int)ecc];
        }

        return DataCodewords[(int)ecc][version - 1] * 8;
    }

    /// <summary>Mode indicator length: 4 bits for QR Code, version − 1 bits (0–3) for Micro QR.</summary>
    public static int ModeBits(int version, bool micro) => micro ? version - 1 : 4;

    /// <summary>Table 3: character count field width, 0 when the mode does not exist in the symbol.</summary>
    public static int CountBits(QrMode mode, int version, bool micro)
    {
        if (micro)
        {
            int[] widths = mode switch
            {
                QrMode.Numeric => [3, 4, 5, 6],
                QrMode.Alphanumeric => [0, 3, 4, 5],
                QrMode.Byte => [0, 0, 4, 5],
                QrMode.Kanji => [0, 0, 3, 4],
                _ => [0, 0, 0, 0],
            };
            return widths[version - 1];
        }

        var cls = version <= 9 ? 0 : version <= 26 ? 1 : 2;
        int[] qr = mode switch
        {
            QrMode.Numeric => [10, 12, 14],
            QrMode.Alphanumeric => [9, 11, 13],
            QrMode.Byte => [8, 16, 16],
            QrMode.Kanji => [8, 10, 12],
            _ => [0, 0, 0],
        };
        return qr[cls];
    }

    /// <summary>The characters the count field counts: digits, characters, UTF-8 bytes or kanji.</summary>
    public static int CharCount(QrMode mode, string text) =>
        mode == QrMode.Byte ? TextEncoding.UTF8.GetByteCount(text) : text.Length;

    /// <summary>§7.4.3–7.4.6: bits of the data alone.</summary>
    public static int PayloadBits(QrMode mode, int count) => mode switch
    {
        QrMode.Numeric => count / 3 * 10 + (count % 3 == 0 ? 0 : count % 3 * 3 + 1),
        QrMode.Alphanumeric => count / 2 * 11 + count % 2 * 6,
        QrMode.Byte => count * 8,
        QrMode.Kanji => count * 13,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a data mode."),
    };

    /// <summary>
    /// Bits one segment of <paramref name="count"/> characters takes in the symbol, or -1 when the mode does not
    /// exist there or the count overflows its field.
    /// </summary>
    public static int SegmentBits(QrMode mode, int count, int version, bool micro)
    {
        var cc = CountBits(mode, version, micro);
        if (cc == 0 || count >= 1 << cc)
        {
            return -1;
        }

        return ModeBits(version, micro) + cc + PayloadBits(mode, count);
    }

    /// <summary>Whether the (version, level) pair exists.</summary>
    public static bool Exists(int version, Ecc ecc, bool micro) => DataBits(version, ecc, micro) > 0;
}
