namespace QrForge.Encoding.Tests;

public class PenaltyTests
{
    [Fact]
    public void Score_AllLight21_CountsRunsBlocksAndBalance()
    {
        var grid = Grid(Enumerable.Repeat(new string('0', 21), 21).ToArray());
        // Rule 1: each of 21 rows and 21 columns is one run of 21: 3 + 16 = 19.
        // Rule 2: 20 x 20 blocks x 3. Rule 3: none. Rule 4: 0 % dark is 10 steps of 5 % from 50 %: 100.
        Assert.Equal(42 * 19 + 400 * 3 + 100, Score(grid));
    }

    [Fact]
    public void Score_Checkerboard_HasOnlyNoPenalty()
    {
        var rows = Enumerable.Range(0, 21).Select(y => new string(Enumerable.Range(0, 21).Select(x => (x + y) % 2 == 0 ? '1' : '0').ToArray())).ToArray();
        // No runs of 5, no 2x2 blocks, no finder-like pattern; 221 of 441 dark is within 45-55 %.
        Assert.Equal(0, Score(Grid(rows)));
    }

    [Fact]
    public void Score_FinderLikePatternWithLightAfter_AddsForty()
    {
        var rows = Checkerboard(21);
        var baseline = Score(Grid(rows));
        // Row 10: 1011101 0000 starting at column 2, remainder unchanged.
        var row = rows[10].ToCharArray();
        "10111010000".CopyTo(0, row, 2, 11);
        rows[10] = new string(row);
        var withPattern = Score(Grid(rows));
        Assert.True(withPattern - baseline >= 40, $"{baseline} -> {withPattern}");
    }

    [Fact]
    public void Line_RunLengths_ScoreThreePlusExcess()
    {
        // One row of 21 with a dark run of 7 and everything else alternating.
        var rows = Checkerboard(21);
        var baseline = Score(Grid(rows));
        var row = rows[0].ToCharArray();
        for (var x = 0; x < 7; x++)
        {
            row[x] = '1';
        }

        rows[0] = new string(row);
        var after = Score(Grid(rows));
        Assert.True(after > baseline);
    }

    [Fact]
    public void MicroScore_EdgeSums_PreferBalancedDarkEdges()
    {
        var rows = new ulong[11];
        // Right column dark at rows 1-10 (10), bottom row dark at columns 1-4 (4 plus the corner counted in both).
        for (var y = 1; y < 11; y++)
        {
            rows[y] |= 1UL << 10;
        }

        for (var x = 1; x <= 4; x++)
        {
            rows[10] |= 1UL << x;
        }

        // SUM1 (right) = 10, SUM2 (bottom) = 5 including the corner: 5 * 16 + 10.
        Assert.Equal(5 * 16 + 10, Penalty.MicroScore(rows, 11));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(61)]
    [InlineData(65)]
    [InlineData(117)]
    [InlineData(129)]
    [InlineData(177)]
    public void Score_RandomGrids_EqualsModuleByModuleReference(int size)
    {
        var rnd = new Random(size);
        for (var trial = 0; trial < 5; trial++)
        {
            var grid = new bool[size, size];
            var density = 0.3 + trial * 0.1;
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    grid[y, x] = rnd.NextDouble() < density;
                }
            }

            Assert.Equal(Reference(grid), Score(grid));
        }
    }

    // The rules of §7.8.3.1 read module by module, with modules outside the symbol light.
    private static int Reference(bool[,] g)
    {
        var n = g.GetLength(0);
        var score = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            bool At(int line, int i) => i >= 0 && i < n && (pass == 0 ? g[line, i] : g[i, line]);
            for (var line = 0; line < n; line++)
            {
                var run = 1;
                for (var i = 1; i <= n; i++)
                {
                    if (i < n && At(line, i) == At(line, i - 1))
                    {
                        run++;
                        continue;
                    }

                    if (run >= 5)
                    {
                        score += 3 + run - 5;
                    }

                    run = 1;
                }

                for (var q = 0; q + 7 <= n; q++)
                {
                    var core = At(line, q) && !At(line, q + 1) && At(line, q + 2) && At(line, q + 3) && At(line, q + 4) && !At(line, q + 5) && At(line, q + 6);
                    if (!core)
                    {
                        continue;
                    }

                    var lightAfter = !At(line, q + 7) && !At(line, q + 8) && !At(line, q + 9) && !At(line, q + 10);
                    var lightBefore = !At(line, q - 1) && !At(line, q - 2) && !At(line, q - 3) && !At(line, q - 4);
                    if (lightAfter || lightBefore)
                    {
                        score += 40;
                    }
                }
            }
        }

        var dark = 0;
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                dark += g[y, x] ? 1 : 0;
                if (y + 1 < n && x + 1 < n && g[y, x] == g[y, x + 1] && g[y, x] == g[y + 1, x] && g[y, x] == g[y + 1, x + 1])
                {
                    score += 3;
                }
            }
        }

        // Rule 4: 10 points for each whole 5 % step between the dark share and 50 %.
        var share = dark * 100.0 / (n * n);
        return score + 10 * (int)Math.Floor(Math.Abs(share - 50) / 5 + 1e-9);
    }

    private static string[] Checkerboard(int size) =>
        Enumerable.Range(0, size).Select(y => new string(Enumerable.Range(0, size).Select(x => (x + y) % 2 == 0 ? '1' : '0').ToArray())).ToArray();

    private static bool[,] Grid(string[] rows)
    {
        var size = rows.Length;
        var grid = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                grid[y, x] = rows[y][x] == '1';
            }
        }

        return grid;
    }

    private static int Score(bool[,] grid)
    {
        var size = grid.GetLength(0);
        var stride = (size + 63) / 64;
        var rows = new ulong[size * stride];
        var cols = new ulong[size * stride];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (grid[y, x])
                {
                    rows[y * stride + x / 64] |= 1UL << (x % 64);
                    cols[x * stride + y / 64] |= 1UL << (y % 64);
                }
            }
        }

        return Penalty.Score(rows, cols, size, stride);
    }
}
