namespace QrForge.Encoding;

/// <summary>Membership tests and values for the numeric and alphanumeric character sets (Table 5).</summary>
internal static class CharSets
{
    // Table 5: value of each alphanumeric character (0-44), -1 for others; indexed by ASCII code 0-127.
    private static ReadOnlySpan<sbyte> AlphanumericValues =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        36, -1, -1, -1, 37, 38, -1, -1, -1, -1, 39, 40, -1, 41, 42, 43, // space $ % * + - . /
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 44, -1, -1, -1, -1, -1,           // 0-9 :
        -1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, // A-O
        25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, -1, -1, -1, -1, -1, // P-Z
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];

    /// <summary>The alphanumeric value 0–44 of <paramref name="c"/>, or -1.</summary>
    public static int AlphanumericValue(int c) => (uint)c < 128 ? AlphanumericValues[c] : -1;

    public static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    public static bool IsNumeric(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsAlphanumeric(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (AlphanumericValue(c) < 0)
            {
                return false;
            }
        }

        return true;
    }


}
