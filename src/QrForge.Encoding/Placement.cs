namespace QrForge.Encoding;

/// <summary>
/// Placement of the codeword bits (§7.7.3): each bit goes to the next data module of the version's zig-zag order
/// (<see cref="SymbolTemplate.DataPositions"/>), most significant bit first, into a row-major and a transposed grid.
/// </summary>
internal static class Placement
{
    /// <summary>
    /// Sets the dark data modules of <paramref name="codewords"/> in <paramref name="dataRows"/> and
    /// <paramref name="dataCols"/> (both zeroed, <c>Size × Stride</c> words). M1 and M3 hold their last data
    /// codeword, at <paramref name="nibbleAt"/>, as 4 bits (-1 for none).
    /// </summary>
    public static void Place(ReadOnlySpan<byte> codewords, SymbolTemplate t, int nibbleAt, Span<ulong> dataRows, Span<ulong> dataCols)
    {
        var stride = t.Stride;
        var positions = t.DataPositions;
        var bit = 0;
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
    }

    /// <summary>The index of the 4-bit last data codeword of M1 and M3, or -1.</summary>
    public static int NibbleAt(int version, bool micro, int dataCodewords) =>
        micro && (version == 1 || version == 3) ? dataCodewords - 1 : -1;
}
