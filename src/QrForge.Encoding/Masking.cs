namespace QrForge.Encoding;

/// <summary>
/// Masking (§7.8) and the final modules: every candidate mask is applied with word-wide XOR over the data modules
/// and scored by <see cref="Penalty"/>; the chosen one is composed with the function patterns and format bits.
/// </summary>
internal static class Masking
{
    /// <summary>The 15 format bits (QR Code) or Micro QR format bits for a mask.</summary>
    public static int FormatFor(int version, bool micro, Ecc ecc, int mask) =>
        micro ? FormatBits.MicroFormat(version, ecc, mask) : FormatBits.QrFormat(ecc, mask);

    /// <summary>The mask with the best penalty score (§7.8.3): the lowest for QR Code, the highest edge score for Micro QR.</summary>
    public static int Choose(SymbolTemplate t, ReadOnlySpan<ulong> dataRows, ReadOnlySpan<ulong> dataCols, int version, Ecc ecc)
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
    public static void Compose(SymbolTemplate t, ReadOnlySpan<ulong> dataRows, int mask, int format, Span<ulong> rows, Span<ulong> cols, ReadOnlySpan<ulong> dataCols)
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
}
