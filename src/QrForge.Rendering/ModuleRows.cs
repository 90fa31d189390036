using System.Diagnostics;
using System.Numerics;
using QrForge.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// Splits a symbol row into the dark modules drawn as plain squares (merged into runs) and those drawn in the
/// module shape, and finds runs of set bits. Rows are bit-packed like <see cref="QrCode.GetRow(int)"/>.
/// </summary>
internal static class ModuleRows
{
    /// <summary>Words per row for the largest symbol (version 40, 177 modules).</summary>
    public const int MaxWords = 3;

    /// <summary>
    /// Fills <paramref name="squares"/> with the dark modules of symbol row <paramref name="y"/> drawn as squares and
    /// <paramref name="shaped"/> with those drawn in <see cref="RenderLayout.Shape"/>; modules of a styled finder
    /// pattern are in neither (the finder is drawn whole). Returns whether any bit of <paramref name="shaped"/> is set.
    /// </summary>
    public static bool Split(in RenderLayout layout, int y, Span<ulong> squares, Span<ulong> shaped)
    {
        var symbol = layout.Symbol;
        var row = symbol.GetRow(y);
        row.CopyTo(squares);
        if (layout.AllSquare)
        {
            shaped.Clear();
            return false;
        }

        Span<ulong> finders = stackalloc ulong[MaxWords];
        finders = finders[..row.Length];
        FinderMask(symbol, y, finders);
        var anyShaped = false;
        for (var i = 0; i < row.Length; i++)
        {
            var dark = row[i];
            var finder = finders[i];
            var notFinder = dark & ~finder;
            var inFinder = layout.Finder == FinderStyle.Square ? dark & finder : 0;
            if (layout.Shape == ModuleShape.Square)
            {
                squares[i] = notFinder | inFinder;
                shaped[i] = 0;
            }
            else
            {
                squares[i] = inFinder;
                shaped[i] = notFinder;
                anyShaped |= notFinder != 0;
            }
        }

        return anyShaped;
    }

    /// <summary>The modules of row <paramref name="y"/> that belong to a finder pattern (7×7, at the corners).</summary>
    public static void FinderMask(QrCode symbol, int y, Span<ulong> mask)
    {
        mask.Clear();
        var size = symbol.Size;
        if (y < 7)
        {
            SetBits(mask, 0, 7);
            if (!symbol.IsMicro)
            {
                SetBits(mask, size - 7, size);
            }
        }
        else if (y >= size - 7 && !symbol.IsMicro)
        {
            SetBits(mask, 0, 7);
        }
    }

    /// <summary>
    /// The first set bit at or after <paramref name="from"/> (below <paramref name="size"/>), or -1; <paramref name="end"/>
    /// receives the first clear bit after it, so [start, end) is a run of set bits.
    /// </summary>
    public static int NextRun(ReadOnlySpan<ulong> bits, int from, int size, out int end)
    {
        Debug.Assert(from >= 0 && size <= bits.Length * 64);
        var start = Next(bits, from, size, 0);
        end = start < 0 ? size : Next(bits, start, size, ~0UL);
        if (end < 0)
        {
            end = size;
        }

        return start;
    }

    /// <summary>The first bit index ≥ from whose value XOR flip is 1, or -1 below size.</summary>
    private static int Next(ReadOnlySpan<ulong> bits, int from, int size, ulong flip)
    {
        for (var w = from >> 6; (w << 6) < size; w++)
        {
            var word = bits[w] ^ flip;
            if (w == from >> 6)
            {
                word &= ~0UL << (from & 63);
            }

            if (word != 0)
            {
                var index = (w << 6) + BitOperations.TrailingZeroCount(word);
                return index < size ? index : -1;
            }
        }

        return -1;
    }

    private static void SetBits(Span<ulong> bits, int from, int to)
    {
        Debug.Assert(from >= 0 && from <= to);
        for (var i = from; i < to; i++)
        {
            bits[i >> 6] |= 1UL << (i & 63);
        }
    }
}
