namespace QrForge.Encoding.Tests;

public class FormatBitsTests
{
    [Theory]
    [InlineData(Ecc.L, 0, 0b111011111000100)]
    [InlineData(Ecc.M, 0, 0b101010000010010)]
    [InlineData(Ecc.Q, 0, 0b011010101011111)]
    [InlineData(Ecc.H, 0, 0b001011010001001)]
    [InlineData(Ecc.M, 5, 0b100000011001110)]
    [InlineData(Ecc.H, 7, 0b000100000111011)]
    public void QrFormat_KnownLevelsAndMasks_MatchTableC1(Ecc ecc, int mask, int expected)
    {
        Assert.Equal(expected, FormatBits.QrFormat(ecc, mask));
    }

    [Theory]
    [InlineData(7, 0x07C94)]
    [InlineData(8, 0x085BC)]
    [InlineData(21, 0x15683)]
    [InlineData(40, 0x28C69)]
    public void VersionBits_KnownVersions_MatchTableD1(int version, int expected)
    {
        Assert.Equal(expected, FormatBits.VersionBits(version));
    }

    [Fact]
    public void QrFormat_AllCombinations_AreDistinctAndAtLeastThreeBitsApart()
    {
        var all = new List<int>();
        foreach (var ecc in Enum.GetValues<Ecc>())
        {
            for (var mask = 0; mask < 8; mask++)
            {
                all.Add(FormatBits.QrFormat(ecc, mask));
            }
        }

        // A (15,5) BCH code has minimum distance 7.
        for (var i = 0; i < all.Count; i++)
        {
            for (var j = i + 1; j < all.Count; j++)
            {
                Assert.True(System.Numerics.BitOperations.PopCount((uint)(all[i] ^ all[j])) >= 7);
            }
        }
    }

    [Theory]
    [InlineData(1, Ecc.L, 0, 0)]
    [InlineData(2, Ecc.M, 3, 2)]
    [InlineData(4, Ecc.Q, 1, 7)]
    public void MicroFormat_SymbolNumber_FollowsTable13(int version, Ecc ecc, int mask, int symbolNumber)
    {
        Assert.Equal(symbolNumber, FormatBits.MicroSymbolNumber(version, ecc));
        var bits = FormatBits.MicroFormat(version, ecc, mask) ^ 0x4445;
        Assert.Equal((symbolNumber << 2) | mask, bits >> 10);
    }

    [Fact]
    public void Modules_QrCode_CoverThirtyDistinctPositions()
    {
        var modules = FormatBits.Modules(21, micro: false);
        Assert.Equal(30, modules.Length);
        Assert.Equal(30, modules.Select(m => (m.X, m.Y)).Distinct().Count());
        Assert.All(Enumerable.Range(0, 15), bit => Assert.Equal(2, modules.Count(m => m.Bit == bit)));
    }

    [Fact]
    public void Modules_Micro_CoverFifteenPositionsAroundTheFinder()
    {
        var modules = FormatBits.Modules(11, micro: true);
        Assert.Equal(16, modules.Length); // (8, 8) carries bit 7 in both lists
        Assert.Equal(15, modules.Select(m => (m.X, m.Y)).Distinct().Count());
        Assert.All(modules, m => Assert.True(m.X == 8 || m.Y == 8));
    }
}
