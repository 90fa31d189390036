namespace QrForge.Encoding;

/// <summary>Lengths in bits of segment data (§7.4.3–§7.4.6), without mode indicator and count field.</summary>
internal static class BitCosts
{
    /// <summary>Numeric: 10 bits per 3 digits, then 4 or 7 bits for a remainder of 1 or 2 digits.</summary>
    public static int NumericBits(int digits) => digits / 3 * 10 + (digits % 3 == 0 ? 0 : digits % 3 * 3 + 1);

    /// <summary>Alphanumeric: 11 bits per pair, 6 bits for a final single character.</summary>
    public static int AlphanumericBits(int chars) => chars / 2 * 11 + chars % 2 * 6;

    /// <summary>ECI designator (§7.4.2.2, Table 4): 8, 16 or 24 bits by the assignment number's range.</summary>
    public static int EciBits(int assignmentNumber) => assignmentNumber < 128 ? 8 : assignmentNumber < 16384 ? 16 : 24;
}
