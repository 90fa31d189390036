namespace QrForge.Encoding;

/// <summary>Format information (§7.9) and version information (§7.10): BCH codes and their module positions.</summary>
internal static class FormatBits
{
    private const int FormatGenerator = 0x537;  // x^10 + x^8 + x^5 + x^4 + x^2 + x + 1, the (15,5) BCH generator
    private const int FormatMask = 0x5412;      // 101010000010010, keeps the QR Code format bits from being all zero
    private const int MicroFormatMask = 0x4445; // 100010001000101, the Micro QR counterpart
    private const int VersionGenerator = 0x1F25; // x^12 + x^11 + x^10 + x^9 + x^8 + x^5 + x^2 + 1, the (18,6) Golay generator

    /// <summary>The two format bits of each level (Table 12): L 01, M 00, Q 11, H 10.</summary>
    public static int EccBits(Ecc ecc) => ecc switch { Ecc.L => 1, Ecc.M => 0, Ecc.Q => 3, _ => 2 };

    /// <summary>The 15 masked format bits of a QR Code: 2 level bits, 3 mask bits, 10 BCH bits.</summary>
    public static int QrFormat(Ecc ecc, int mask) => WithBch((EccBits(ecc) << 3) | mask) ^ FormatMask;

    /// <summary>
    /// The 15 masked format bits of a Micro QR symbol: 3-bit symbol number (Table 13: M1 0, M2-L 1, M2-M 2,
    /// M3-L 3, M3-M 4, M4-L 5, M4-M 6, M4-Q 7), 2 mask bits, 10 BCH bits.
    /// </summary>
    public static int MicroFormat(int version, Ecc ecc, int mask) => WithBch((MicroSymbolNumber(version, ecc) << 2) | mask) ^ MicroFormatMask;

    public static int MicroSymbolNumber(int version, Ecc ecc) => version switch
    {
        1 => 0,
        2 => 1 + (int)ecc,
        3 => 3 + (int)ecc,
        _ => 5 + (int)ecc,
    };

    /// <summary>The 18 version bits (versions 7–40): 6 version bits then 12 BCH bits.</summary>
    public static int VersionBits(int version)
    {
        var rem = version;
        for (var i = 0; i < 12; i++)
        {
            rem = (rem << 1) ^ ((rem >> 11) * VersionGenerator);
        }

        return version << 12 | rem;
    }

    private static int WithBch(int data)
    {
        var rem = data;
        for (var i = 0; i < 10; i++)
        {
            rem = (rem << 1) ^ ((rem >> 9) * FormatGenerator);
        }

        return (data << 10 | rem) & 0x7FFF;
    }

    /// <summary>
    /// The format modules as (x, y, bit index 0–14): both copies for QR Code (Figure 25), the single copy
    /// for Micro QR (Figure 26). Bit 14 is the most significant.
    /// </summary>
    public static (int X, int Y, int Bit)[] Modules(int size, bool micro)
    {
        var list = new List<(int, int, int)>(30);
        if (micro)
        {
            for (var i = 0; i < 8; i++)
            {
                list.Add((8, i + 1, i));        // column 8, rows 1-8: bits 0-7
                list.Add((i + 1, 8, 14 - i));   // row 8, columns 1-8: bits 14-7
            }

            return [.. list];
        }

        for (var i = 0; i <= 5; i++)
        {
            list.Add((8, i, i));
        }

        list.Add((8, 7, 6));
        list.Add((8, 8, 7));
        list.Add((7, 8, 8));
        for (var i = 9; i < 15; i++)
        {
            list.Add((14 - i, 8, i));
        }

        for (var i = 0; i < 8; i++)
        {
            list.Add((size - 1 - i, 8, i));
        }

        for (var i = 8; i < 15; i++)
        {
            list.Add((8, size - 15 + i, i));
        }

        return [.. list];
    }
}
