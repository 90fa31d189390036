namespace QrForge.Encoding;

/// <summary>
/// The mask evaluation of §7.8.3. QR Code: the four penalty rules, lower is better. Micro QR: the edge score
/// of §7.8.3.2, higher is better. Rows are tested whole with word-wide shifts and masks.
/// </summary>
internal static class Penalty
{
    private const int N1 = 3;  // rule 1: a run of 5 same-colour modules, +1 per module beyond 5
    private const int N2 = 3;  // rule 2: each 2 x 2 block of one colour
    private const int N3 = 40; // rule 3: each 1:1:3:1:1 finder-like pattern with 4 light modules on one side
    private const int N4 = 10; // rule 4: each 5 % step of dark-module share away from 50 %

    /// <summary>Total penalty of a QR Code grid given as rows and as columns (its transpose).</summary>
    public static int Score(ReadOnlySpan<ulong> rows, ReadOnlySpan<ulong> cols, int size, int stride) => stride switch
    {
        1 => Score<Row64>(rows, cols, size, stride),
        2 => Score<Row128>(rows, cols, size, stride),
        _ => Score<Row192>(rows, cols, size, stride),
    };

    private static int Score<T>(ReadOnlySpan<ulong> rows, ReadOnlySpan<ulong> cols, int size, int stride)
        where T : struct, IBitRow<T>
    {
        var valid = T.LowBits(size);
        var penalty = 0;
        var dark = 0;
        var above = default(T);
        for (var y = 0; y < size; y++)
        {
            var row = T.Load(rows.Slice(y * stride, stride));
            penalty += Line(row, valid);
            penalty += Line(T.Load(cols.Slice(y * stride, stride)), valid);
            dark += T.PopCount(row);
            if (y > 0)
            {
                penalty += N2 * Blocks(above, row, valid);
            }

            above = row;
        }

        // Rule 4 (Table 11): k whole 5 % steps between the dark share and 50 %.
        var total = size * size;
        var k = Math.Abs(dark * 2 - total) * 10 / total;
        return penalty + k * N4;
    }

    /// <summary>Rules 1 and 3 on one line.</summary>
    private static int Line<T>(T r, T valid)
        where T : struct, IBitRow<T>
    {
        // Rule 1. same[x]: module x equals module x + 1 (within the line). run5[x]: modules x..x+4 all equal.
        // A run of length L >= 5 sets L - 4 bits of run5 and starts once, scoring N1 + (L - 5) = 2 + (L - 4).
        var same = T.AndNot(T.Down(valid, 1), T.Xor(r, T.Down(r, 1)));
        var run5 = T.And(T.And(same, T.Down(same, 1)), T.And(T.Down(same, 2), T.Down(same, 3)));
        var starts = T.AndNot(run5, T.Up(run5, 1));
        var score = T.PopCount(run5) + (N1 - 1) * T.PopCount(starts);

        // Rule 3. core[x]: modules x..x+6 read dark-light-dark-dark-dark-light-dark. Modules outside the
        // symbol count as light, so a pattern at the edge still counts (the quiet zone is light).
        var core = T.And(
            T.AndNot(T.And(r, T.Down(r, 2)), T.Or(T.Down(r, 1), T.Down(r, 5))),
            T.And(T.And(T.Down(r, 3), T.Down(r, 4)), T.Down(r, 6)));
        if (T.PopCount(core) == 0)
        {
            return score;
        }

        // One pattern counts once, whether the light area is before it, after it or both (as ZXing and segno count).
        var lightAfter = T.Not(T.Or(T.Or(T.Down(r, 7), T.Down(r, 8)), T.Or(T.Down(r, 9), T.Down(r, 10))));
        var lightBefore = T.Not(T.Or(T.Or(T.Up(r, 1), T.Up(r, 2)), T.Or(T.Up(r, 3), T.Up(r, 4))));
        return score + N3 * T.PopCount(T.And(core, T.Or(lightAfter, lightBefore)));
    }

    /// <summary>Rule 2: 2 x 2 blocks of one colour whose top-left module is in <paramref name="top"/>.</summary>
    private static int Blocks<T>(T top, T bottom, T valid)
        where T : struct, IBitRow<T>
    {
        var vertical = T.Not(T.Xor(top, bottom));           // module x the same in both rows
        var horizontal = T.Not(T.Xor(top, T.Down(top, 1))); // module x the same as x + 1 in the top row
        var block = T.And(T.And(vertical, T.Down(vertical, 1)), horizontal);
        return T.PopCount(T.And(block, T.Down(valid, 1)));
    }

    /// <summary>
    /// Micro QR (§7.8.3.2): SUM1 and SUM2 count dark modules in the right column and the bottom row, timing
    /// module excluded; the score is 16 × the smaller + the larger. The mask with the highest score wins.
    /// </summary>
    public static int MicroScore(ReadOnlySpan<ulong> rows, int size)
    {
        int right = 0, bottom = 0;
        for (var i = 1; i < size; i++)
        {
            right += (int)(rows[i] >> (size - 1)) & 1;
            bottom += (int)(rows[size - 1] >> i) & 1;
        }

        return right <= bottom ? right * 16 + bottom : bottom * 16 + right;
    }
}
