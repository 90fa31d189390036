using QrForge.Rendering.Tests.Support;

namespace QrForge.Rendering.Tests;

public class ModuleRowsTests
{
    [Fact]
    public void NextRun_RunsAcrossWordBoundaries_AreFoundWhole()
    {
        // Bits 3–5, 60–70 (crossing into the second word), 127–129 (into the third), and 150 up to the size, 160.
        ulong[] bits = [0b111000UL | (0xFUL << 60), 0x7FUL | (1UL << 63), 0b11UL | (~0UL << 22)];
        var runs = new List<(int, int)>();

        var start = ModuleRows.NextRun(bits, 0, 160, out var end);
        while (start >= 0)
        {
            runs.Add((start, end));
            start = ModuleRows.NextRun(bits, end, 160, out end);
        }

        Assert.Equal([(3, 6), (60, 71), (127, 130), (150, 160)], runs);
    }

    [Fact]
    public void Split_SquareEverything_GivesTheRowAsSquares()
    {
        var symbol = Symbols.Version3;
        var layout = RenderLayout.ForVector(symbol, RenderOptions.Default);
        Span<ulong> squares = stackalloc ulong[1];
        Span<ulong> shaped = stackalloc ulong[1];

        var anyShaped = ModuleRows.Split(layout, 0, squares, shaped);

        Assert.False(anyShaped);
        Assert.Equal(symbol.GetRow(0)[0], squares[0]);
        Assert.Equal(0UL, shaped[0]);
    }

    [Fact]
    public void Split_CircleModulesRoundFinder_LeavesFindersToTheFinderDrawing()
    {
        var symbol = Symbols.Version3;
        var layout = RenderLayout.ForVector(symbol, new RenderOptions { Shape = ModuleShape.Circle, Finder = FinderStyle.Rounded });
        Span<ulong> squares = stackalloc ulong[1];
        Span<ulong> shaped = stackalloc ulong[1];

        ModuleRows.Split(layout, 0, squares, shaped);

        const ulong Finders = 0x7FUL | (0x7FUL << 22);
        Assert.Equal(0UL, squares[0]);
        Assert.Equal(symbol.GetRow(0)[0] & ~Finders, shaped[0]);
    }

    [Fact]
    public void Crc32_CheckValue_IsCbf43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(PngImage.BitwiseCrc32("IEND"u8), Crc32.Compute("IEND"u8));
    }
}
