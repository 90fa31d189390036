namespace QrForge.Encoding;

/// <summary>
/// The fixed numbers of QR Code model 2 and Micro QR: sizes, capacities, block structure and count-field widths.
/// </summary>
internal static class Tables
{
    public const int MinVersion = 1;
    public const int MaxVersion = 40;
    public const int MaxMicroVersion = 4;

    // Table 9, error correction codewords per block, indexed [ecc * 41 + version] (index 0 unused).
    private static ReadOnlySpan<byte> EccCodewordsPerBlock =>
    [
        0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, // L
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, // M
        0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, // Q
        0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, // H
    ];

    // Table 9, number of error correction blocks (both groups together), indexed [ecc * 41 + version].
    private static ReadOnlySpan<byte> EccBlockCount =>
    [
        0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25, // L
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49, // M
        0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68, // Q
        0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81, // H
    ];

    // Micro QR, Table 9: total codewords and error correction codewords per (version, ecc); 0 where the pair does not exist.
    private static ReadOnlySpan<byte> MicroTotalCodewords => [0, 5, 10, 17, 24];

    private static ReadOnlySpan<byte> MicroEccCodewords =>
    [
        0, 0, 0, 0,   // (no version 0)
        2, 0, 0, 0,   // M1: error detection only, reported as L
        5, 6, 0, 0,   // M2-L, M2-M
        6, 8, 0, 0,   // M3-L, M3-M
        8, 10, 14, 0, // M4-L, M4-M, M4-Q
    ];

    /// <summary>Modules per side: 17 + 4v for QR Code (21–177), 9 + 2v for Micro QR (11–17).</summary>
    public static int Size(int version, bool micro) => micro ? 9 + 2 * version : 17 + 4 * version;

    /// <summary>Whether the (version, ecc) pair exists; every pair does for QR Code.</summary>
    public static bool Supports(int version, Ecc ecc, bool micro) =>
        !micro || MicroEccCodewords[version * 4 + (int)ecc] != 0;

    /// <summary>
    /// Modules available for data and error correction codewords, remainder bits included (§7.7.1):
    /// the symbol's area less finder patterns, separators, timing, alignment, format and version areas.
    /// </summary>
    public static int RawDataModules(int version)
    {
        var result = (16 * version + 128) * version + 64;
        if (version >= 2)
        {
            var align = version / 7 + 2;
            result -= (25 * align - 10) * align - 55;
            if (version >= 7)
            {
                result -= 36; // two 6x3 version information blocks
            }
        }

        return result;
    }

    /// <summary>All codewords, data and error correction, that the symbol holds.</summary>
    public static int TotalCodewords(int version, bool micro) =>
        micro ? MicroTotalCodewords[version] : RawDataModules(version) / 8;

    /// <summary>Error correction codewords in one block.</summary>
    public static int EccPerBlock(int version, Ecc ecc, bool micro) =>
        micro ? MicroEccCodewords[version * 4 + (int)ecc] : EccCodewordsPerBlock[(int)ecc * 41 + version];

    /// <summary>Number of error correction blocks (1 for every Micro QR symbol).</summary>
    public static int BlockCount(int version, Ecc ecc, bool micro) =>
        micro ? 1 : EccBlockCount[(int)ecc * 41 + version];

    /// <summary>Data codewords, counting the final 4-bit codeword of M1 and M3 as one.</summary>
    public static int DataCodewords(int version, Ecc ecc, bool micro) =>
        TotalCodewords(version, micro) - EccPerBlock(version, ecc, micro) * BlockCount(version, ecc, micro);

    /// <summary>Data capacity in bits: 8 per data codeword, except that M1 and M3 end with a 4-bit codeword.</summary>
    public static int DataBits(int version, Ecc ecc, bool micro)
    {
        var bits = DataCodewords(version, ecc, micro) * 8;
        return micro && (version == 1 || version == 3) ? bits - 4 : bits;
    }

    /// <summary>Bits of the mode indicator: 4 for QR Code, 0–3 for M1–M4 (§7.4.2, Table 2).</summary>
    public static int ModeIndicatorBits(int version, bool micro) => micro ? version - 1 : 4;

    /// <summary>Bits of the terminator: 4 for QR Code; 3, 5, 7, 9 for M1–M4 (§7.4.9, Table 2).</summary>
    public static int TerminatorBits(int version, bool micro) => micro ? 2 * version + 1 : 4;

    /// <summary>
    /// Width of the character count field (§7.4.1, Table 3), or 0 when the mode is not available in that symbol.
    /// QR Code widths depend on the version class 1–9, 10–26 or 27–40.
    /// </summary>
    public static int CharCountBits(QrMode mode, int version, bool micro)
    {
        if (micro)
        {
            return mode switch
            {
                QrMode.Numeric => version + 2,
                QrMode.Alphanumeric => version >= 2 ? version + 1 : 0,
                QrMode.Byte => version >= 3 ? version + 1 : 0,
                QrMode.Kanji => version >= 3 ? version : 0,
                _ => 0,
            };
        }

        var cls = VersionClass(version);
        return mode switch
        {
            QrMode.Numeric => 10 + 2 * cls,
            QrMode.Alphanumeric => 9 + 2 * cls,
            QrMode.Byte => cls == 0 ? 8 : 16,
            QrMode.Kanji => 8 + 2 * cls,
            _ => 0,
        };
    }

    /// <summary>0 for versions 1–9, 1 for 10–26, 2 for 27–40: the classes that share count-field widths.</summary>
    public static int VersionClass(int version) => version <= 9 ? 0 : version <= 26 ? 1 : 2;

    /// <summary>The largest version of a class.</summary>
    public static int ClassMaxVersion(int cls) => cls switch { 0 => 9, 1 => 26, _ => 40 };

    /// <summary>
    /// Row/column coordinates of alignment pattern centres (Annex E, Table E.1): 6, then evenly spaced
    /// (even steps) up to size − 7. Version 1 has none.
    /// </summary>
    public static int[] AlignmentPositions(int version)
    {
        if (version == 1)
        {
            return [];
        }

        var count = version / 7 + 2;
        var step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2;
        var result = new int[count];
        result[0] = 6;
        for (int i = count - 1, pos = version * 4 + 10; i >= 1; i--, pos -= step)
        {
            result[i] = pos;
        }

        return result;
    }
}
