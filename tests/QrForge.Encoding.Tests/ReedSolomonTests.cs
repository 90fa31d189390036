namespace QrForge.Encoding.Tests;

public class ReedSolomonTests
{
    [Fact]
    public void Compute_HelloWorld1M_MatchesPublishedCodewords()
    {
        // "HELLO WORLD" at 1-M: the widely published worked example (16 data, 10 error correction codewords).
        byte[] data = [0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11];
        var ecc = new byte[10];
        ReedSolomon.Compute(data, ecc);
        Assert.Equal([0xC4, 0x23, 0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17], ecc);
    }

    [Fact]
    public void Compute_Annex01234567_MatchesStandardExample()
    {
        // ISO/IEC 18004 Annex I: "01234567" at 1-M.
        byte[] data = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11];
        var ecc = new byte[10];
        ReedSolomon.Compute(data, ecc);
        Assert.Equal([0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55], ecc);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(17)]
    [InlineData(30)]
    public void Compute_AnyData_CodewordIsMultipleOfGenerator(int degree)
    {
        // The whole codeword (data then remainder) evaluates to zero at every root α^0..α^(degree-1).
        var rnd = new Random(degree);
        var data = new byte[40];
        rnd.NextBytes(data);
        var ecc = new byte[degree];
        ReedSolomon.Compute(data, ecc);
        byte[] codeword = [.. data, .. ecc];
        for (var i = 0; i < degree; i++)
        {
            Assert.Equal(0, Evaluate(codeword, ReedSolomon.Power(i)));
        }

        codeword[3] ^= 1; // negative control: a changed codeword is no longer a multiple
        var anyNonZero = false;
        for (var i = 0; i < degree; i++)
        {
            anyNonZero |= Evaluate(codeword, ReedSolomon.Power(i)) != 0;
        }

        Assert.True(anyNonZero);
    }

    [Fact]
    public void Multiply_FieldProperties_Hold()
    {
        Assert.Equal(0, ReedSolomon.Multiply(0, 0x53));
        Assert.Equal(0x53, ReedSolomon.Multiply(1, 0x53));
        // α^8 = α^4 + α^3 + α^2 + 1 = 0x1D under the polynomial 0x11D.
        Assert.Equal(0x1D, ReedSolomon.Power(8));
        Assert.Equal(1, ReedSolomon.Power(255));
    }

    private static int Evaluate(byte[] poly, byte x)
    {
        byte acc = 0;
        foreach (var c in poly)
        {
            acc = (byte)(ReedSolomon.Multiply(acc, x) ^ c);
        }

        return acc;
    }
}
