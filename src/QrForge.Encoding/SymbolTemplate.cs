using System.Diagnostics;

namespace QrForge.Encoding;

/// <summary>
/// Everything about a symbol that depends only on its version: the function patterns (§6.3: finder, separator,
/// timing, alignment, version information, dark module), the order in which data modules are filled (§7.7.3),
/// and each mask pattern (§7.8.2) restricted to the data modules. Built once per version, cached, never mutated.
/// </summary>
/// <remarks>
/// Grids are bit-packed rows of <see cref="Stride"/> words; the <c>Cols</c> arrays hold the transposed grid
/// (row i of it is column i of the symbol) so the penalty rules can scan columns as rows.
/// </remarks>
internal sealed class SymbolTemplate
{
    private static readonly SymbolTemplate?[] QrCache = new SymbolTemplate?[Tables.MaxVersion + 1];
    private static readonly SymbolTemplate?[] MicroCache = new SymbolTemplate?[Tables.MaxMicroVersion + 1];

    private SymbolTemplate(int version, bool micro)
    {
        Version = version;
        Micro = micro;
        Size = Tables.Size(version, micro);
        Stride = (Size + 63) >> 6;
        var grid = new Grid(Size);
        DrawFunctionPatterns(grid, version, micro);
        FunctionRows = grid.Pack((x, y) => grid.Dark[y, x], transpose: false);
        FunctionCols = grid.Pack((x, y) => grid.Dark[y, x], transpose: true);
        DataPositions = PlacementOrder(grid, micro);
        FormatModules = FormatBits.Modules(Size, micro);
        var maskCount = micro ? 4 : 8;
        MaskRows = new ulong[maskCount][];
        MaskCols = new ulong[maskCount][];
        for (var m = 0; m < maskCount; m++)
        {
            var mask = micro ? MicroToQrMask(m) : m;
            bool Inverted(int x, int y) => !grid.Reserved[y, x] && MaskCondition(mask, y, x);
            MaskRows[m] = grid.Pack(Inverted, transpose: false);
            MaskCols[m] = grid.Pack(Inverted, transpose: true);
        }
    }

    public int Version { get; }

    public bool Micro { get; }

    public int Size { get; }

    /// <summary>Words per row: (Size + 63) / 64, 1–3.</summary>
    public int Stride { get; }

    /// <summary>Dark modules of the function patterns; format information is not included (it depends on the mask).</summary>
    public ulong[] FunctionRows { get; }

    public ulong[] FunctionCols { get; }

    /// <summary>For each bit of the final codeword sequence, in order, its module as <c>x | y &lt;&lt; 8</c>.</summary>
    public ushort[] DataPositions { get; }

    /// <summary>Format information modules as (x, y, bit index).</summary>
    public (int X, int Y, int Bit)[] FormatModules { get; }

    /// <summary>Per mask, the modules it inverts, data modules only.</summary>
    public ulong[][] MaskRows { get; }

    public ulong[][] MaskCols { get; }

    public static SymbolTemplate For(int version, bool micro)
    {
        var cache = micro ? MicroCache : QrCache;
        return cache[version] ?? Create(cache, version, micro);
    }

    private static SymbolTemplate Create(SymbolTemplate?[] cache, int version, bool micro)
    {
        var template = new SymbolTemplate(version, micro);
        Interlocked.CompareExchange(ref cache[version], template, null);
        return cache[version]!;
    }

    /// <summary>Micro QR masks 0–3 are QR Code masks 1, 4, 6 and 7 (§7.8.2, Table 10).</summary>
    private static int MicroToQrMask(int microMask) => microMask switch { 0 => 1, 1 => 4, 2 => 6, _ => 7 };

    /// <summary>Whether mask <paramref name="mask"/> (Table 10) inverts the module at row i, column j.</summary>
    internal static bool MaskCondition(int mask, int i, int j) => mask switch
    {
        0 => (i + j) % 2 == 0,
        1 => i % 2 == 0,
        2 => j % 3 == 0,
        3 => (i + j) % 3 == 0,
        4 => (i / 2 + j / 3) % 2 == 0,
        5 => i * j % 2 + i * j % 3 == 0,
        6 => (i * j % 2 + i * j % 3) % 2 == 0,
        7 => ((i + j) % 2 + i * j % 3) % 2 == 0,
        _ => throw new UnreachableException(),
    };

    private static void DrawFunctionPatterns(Grid g, int version, bool micro)
    {
        var size = g.Size;
        // Timing patterns (§6.3.5): row and column 6 for QR Code, row and column 0 for Micro QR.
        var t = micro ? 0 : 6;
        for (var i = 0; i < size; i++)
        {
            g.Set(t, i, i % 2 == 0);
            g.Set(i, t, i % 2 == 0);
        }

        // Finder patterns with separators (§6.3.3, §6.3.4).
        DrawFinder(g, 3, 3);
        if (!micro)
        {
            DrawFinder(g, size - 4, 3);
            DrawFinder(g, 3, size - 4);
        }

        if (micro)
        {
            // Format information area (§7.9.2): row 8 and column 8, modules 1–8.
            for (var i = 1; i <= 8; i++)
            {
                g.Set(i, 8, false);
                g.Set(8, i, false);
            }

            return;
        }

        // Alignment patterns (§6.3.6, Annex E): every pair of centres except the three finder corners.
        var align = Tables.AlignmentPositions(version);
        var n = align.Length;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if ((i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0))
                {
                    continue;
                }

                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        g.Set(align[i] + dx, align[j] + dy, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
                    }
                }
            }
        }

        // Format information areas (§7.9.1), reserved light here; the dark module (§7.9.1) is always dark.
        for (var i = 0; i < 9; i++)
        {
            if (i != 6)
            {
                g.Set(8, i, false);
                g.Set(i, 8, false);
            }
        }

        for (var i = 0; i < 8; i++)
        {
            g.Set(size - 1 - i, 8, false);
            g.Set(8, size - 1 - i, false);
        }

        g.Set(8, size - 8, true);

        // Version information (§7.10), versions 7 and up: two 6 × 3 blocks.
        if (version >= 7)
        {
            var bits = FormatBits.VersionBits(version);
            for (var i = 0; i < 18; i++)
            {
                var bit = ((bits >> i) & 1) != 0;
                var a = size - 11 + i % 3;
                var b = i / 3;
                g.Set(a, b, bit);
                g.Set(b, a, bit);
            }
        }
    }

    private static void DrawFinder(Grid g, int cx, int cy)
    {
        for (var dy = -4; dy <= 4; dy++)
        {
            for (var dx = -4; dx <= 4; dx++)
            {
                var x = cx + dx;
                var y = cy + dy;
                if ((uint)x < (uint)g.Size && (uint)y < (uint)g.Size)
                {
                    var dist = Math.Max(Math.Abs(dx), Math.Abs(dy));
                    g.Set(x, y, dist != 2 && dist != 4);
                }
            }
        }
    }

    /// <summary>
    /// The zig-zag order of §7.7.3: two-module columns from the right, alternately upwards and downwards,
    /// skipping function modules and, in QR Code, the vertical timing column 6.
    /// </summary>
    private static ushort[] PlacementOrder(Grid g, bool micro)
    {
        var size = g.Size;
        var order = new List<ushort>(size * size);
        var upward = true;
        for (var right = size - 1; right >= 1; right -= 2)
        {
            if (!micro && right == 6)
            {
                right = 5;
            }

            for (var vert = 0; vert < size; vert++)
            {
                var y = upward ? size - 1 - vert : vert;
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    if (!g.Reserved[y, x])
                    {
                        order.Add((ushort)(x | y << 8));
                    }
                }
            }

            upward = !upward;
        }

        return [.. order];
    }

    /// <summary>A plain grid used only while a template is built.</summary>
    private sealed class Grid(int size)
    {
        public int Size { get; } = size;

        public bool[,] Dark { get; } = new bool[size, size];

        public bool[,] Reserved { get; } = new bool[size, size];

        public void Set(int x, int y, bool dark)
        {
            Dark[y, x] = dark;
            Reserved[y, x] = true;
        }

        /// <summary>Packs the modules where <paramref name="isSet"/>(x, y) holds, as rows or (transposed) as columns.</summary>
        public ulong[] Pack(Func<int, int, bool> isSet, bool transpose)
        {
            var stride = (Size + 63) >> 6;
            var bits = new ulong[Size * stride];
            for (var y = 0; y < Size; y++)
            {
                for (var x = 0; x < Size; x++)
                {
                    if (isSet(x, y))
                    {
                        var (r, c) = transpose ? (x, y) : (y, x);
                        bits[r * stride + (c >> 6)] |= 1UL << (c & 63);
                    }
                }
            }

            return bits;
        }
    }
}
