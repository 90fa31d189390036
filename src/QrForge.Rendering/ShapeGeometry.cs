using System.Diagnostics;
using System.Numerics;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// Module shapes and finder styles as rounded squares. Every shape is a square centred in its cell with a corner
/// radius, so one half-width formula rasterises all of them and one path form draws them. Shapes never overlap except
/// the finder's nested outline, hole and centre, so an even-odd fill draws everything in one path.
/// </summary>
internal static class ShapeGeometry
{
    /// <summary>Bézier control distance for a quarter circle of radius 1: 4/3·(√2 − 1).</summary>
    public const double Kappa = 0.5522847498307936;

    /// <summary>Corner radius of a dark module in modules: 0 square, 0.5 circle, 0.25 rounded.</summary>
    public static double ModuleRadius(ModuleShape shape) => shape switch
    {
        ModuleShape.Circle => 0.5,
        ModuleShape.Rounded => 0.25,
        _ => 0,
    };

    /// <summary>
    /// Corner radii of a styled finder's 7×7 outline, 5×5 hole and 3×3 centre. Rounded keeps the ring one module wide
    /// (the hole's radius is the outline's less one).
    /// </summary>
    public static (double Outer, double Hole, double Inner) FinderRadii(FinderStyle style) => style switch
    {
        FinderStyle.Circle => (3.5, 2.5, 1.5),
        FinderStyle.Rounded => (2, 1, 1),
        _ => (0, 0, 0),
    };

    /// <summary>Number of finder patterns: 3 for QR Code, 1 for Micro QR.</summary>
    public static int FinderCount(QrCode symbol) => symbol.IsMicro ? 1 : 3;

    /// <summary>Top-left module of finder <paramref name="index"/> in symbol coordinates: (0,0), (Size−7,0), (0,Size−7).</summary>
    public static (int X, int Y) FinderOrigin(QrCode symbol, int index) => index switch
    {
        0 => (0, 0),
        1 => (symbol.Size - 7, 0),
        _ => (0, symbol.Size - 7),
    };

    /// <summary>
    /// Half the width of a rounded square (half side <paramref name="half"/>, corner radius <paramref name="radius"/>,
    /// centred at 0) on the horizontal line <paramref name="dy"/> from its centre; negative when the line misses it.
    /// </summary>
    public static double HalfWidth(double dy, double half, double radius)
    {
        dy = Math.Abs(dy);
        if (dy >= half)
        {
            return -1;
        }

        var straight = half - radius;
        if (dy <= straight)
        {
            return half;
        }

        var t = dy - straight;
        return straight + Math.Sqrt((radius * radius) - (t * t));
    }

    /// <summary>
    /// The pixels [lo, hi) whose centres lie within <paramref name="halfWidth"/> of <paramref name="centre"/>
    /// (pixel coordinates, pixel p has centre p + 0.5); empty (lo ≥ hi) for a negative half width.
    /// </summary>
    public static (int Lo, int Hi) PixelSpan(double centre, double halfWidth)
    {
        if (halfWidth < 0)
        {
            return (0, 0);
        }

        return ((int)Math.Ceiling(centre - halfWidth - 0.5), (int)Math.Ceiling(centre + halfWidth - 0.5));
    }

    /// <summary>Sends every dark module of the layout's symbol to <paramref name="sink"/>, in reading order, then the styled finders.</summary>
    public static void Walk<TSink>(in RenderLayout layout, ref TSink sink)
        where TSink : struct, IShapeSink
    {
        var symbol = layout.Symbol;
        var size = symbol.Size;
        var border = layout.Border;
        var radius = ModuleRadius(layout.Shape);
        Span<ulong> squares = stackalloc ulong[ModuleRows.MaxWords];
        Span<ulong> shaped = stackalloc ulong[ModuleRows.MaxWords];
        squares = squares[..symbol.WordsPerRow];
        shaped = shaped[..symbol.WordsPerRow];
        for (var y = 0; y < size; y++)
        {
            var anyShaped = ModuleRows.Split(layout, y, squares, shaped);
            var x = ModuleRows.NextRun(squares, 0, size, out var end);
            while (x >= 0)
            {
                sink.Run(x + border, y + border, end - x);
                x = ModuleRows.NextRun(squares, end, size, out end);
            }

            if (anyShaped)
            {
                for (var w = 0; w < shaped.Length; w++)
                {
                    for (var bits = shaped[w]; bits != 0; bits &= bits - 1)
                    {
                        var mx = (w << 6) + BitOperations.TrailingZeroCount(bits);
                        sink.RoundedSquare(mx + border, y + border, 1, radius);
                    }
                }
            }
        }

        if (layout.Finder != FinderStyle.Square)
        {
            var (outer, hole, inner) = FinderRadii(layout.Finder);
            for (var i = 0; i < FinderCount(symbol); i++)
            {
                var (fx, fy) = FinderOrigin(symbol, i);
                fx += border;
                fy += border;
                Debug.Assert(outer > 0);
                sink.RoundedSquare(fx, fy, 7, outer);
                sink.RoundedSquare(fx + 1, fy + 1, 5, hole);
                sink.RoundedSquare(fx + 2, fy + 2, 3, inner);
            }
        }
    }
}
