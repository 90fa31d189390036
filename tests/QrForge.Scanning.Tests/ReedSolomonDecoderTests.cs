namespace QrForge.Scanning.Tests;

public class ReedSolomonDecoderTests
{
    /// <summary>Systematic encoding by division by the generator Π (x − α^i), i = 0 … ecc − 1 (§7.5.2).</summary>
    private static byte[] Encode(byte[] data, int ecc)
    {
        var generator = new int[ecc + 1];
        generator[0] = 1;
        var root = 1;
        for (var i = 0; i < ecc; i++)
        {
            for (var j = ecc; j >= 1; j--)
            {
                generator[j] = ReedSolomonDecoder.Multiply(generator[j], root) ^ generator[j - 1];
            }

            generator[0] = ReedSolomonDecoder.Multiply(generator[0], root);
            root = ReedSolomonDecoder.Multiply(root, 2);
        }

        // generator[k] is the coefficient of x^k; divide data·x^ecc by it (monic, leading generator[ecc] = 1).
        var remainder = new int[ecc];
        foreach (var d in data)
        {
            var factor = d ^ remainder[ecc - 1];
            for (var k = ecc - 1; k >= 1; k--)
            {
                remainder[k] = remainder[k - 1] ^ ReedSolomonDecoder.Multiply(factor, generator[k]);
            }

            remainder[0] = ReedSolomonDecoder.Multiply(factor, generator[0]);
        }

        return [.. data, .. Enumerable.Range(0, ecc).Select(k => (byte)remainder[ecc - 1 - k])];
    }

    [Theory]
    [InlineData(19, 7)]
    [InlineData(16, 10)]
    [InlineData(13, 13)]
    [InlineData(9, 17)]
    [InlineData(122, 30)]
    public void Decode_ErrorsWithinCapacity_RestoresCodewords(int dataLength, int ecc)
    {
        var random = new Random(dataLength * ecc);
        for (var trial = 0; trial < 200; trial++)
        {
            var data = new byte[dataLength];
            random.NextBytes(data);
            var clean = Encode(data, ecc);
            var damaged = (byte[])clean.Clone();
            var errors = random.Next(0, (ecc / 2) + 1);
            foreach (var position in Enumerable.Range(0, clean.Length).OrderBy(_ => random.Next()).Take(errors))
            {
                damaged[position] ^= (byte)random.Next(1, 256);
            }

            Assert.Equal(errors, ReedSolomonDecoder.Decode(damaged, ecc));
            Assert.Equal(clean, damaged);
        }
    }

    [Theory]
    [InlineData(19, 7)]
    [InlineData(13, 13)]
    [InlineData(122, 30)]
    public void Decode_ErrorsAndErasuresWithinCapacity_RestoresCodewords(int dataLength, int ecc)
    {
        var random = new Random(dataLength + ecc);
        for (var trial = 0; trial < 200; trial++)
        {
            var data = new byte[dataLength];
            random.NextBytes(data);
            var clean = Encode(data, ecc);
            var damaged = (byte[])clean.Clone();
            var erasureCount = random.Next(0, ecc - 1);
            var errorCount = random.Next(0, ((ecc - erasureCount - (erasureCount > 0 ? 2 : 0)) / 2) + 1);
            var positions = Enumerable.Range(0, clean.Length).OrderBy(_ => random.Next()).Take(erasureCount + errorCount).ToArray();
            var erasures = positions[..erasureCount];
            foreach (var position in erasures)
            {
                // Erased codewords may or may not be wrong; errors (below) always are.
                damaged[position] ^= (byte)random.Next(0, 256);
            }

            foreach (var position in positions[erasureCount..])
            {
                damaged[position] = (byte)(clean[position] ^ random.Next(1, 256));
            }

            Assert.True(ReedSolomonDecoder.Decode(damaged, ecc, erasures) >= 0);
            Assert.Equal(clean, damaged);
        }
    }

    [Fact]
    public void Decode_TooManyErrors_ReportsFailureOrChangesNothingSilently()
    {
        var random = new Random(9);
        var failures = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            var data = new byte[19];
            random.NextBytes(data);
            var clean = Encode(data, 7);
            var damaged = (byte[])clean.Clone();
            foreach (var position in Enumerable.Range(0, clean.Length).OrderBy(_ => random.Next()).Take(6))
            {
                damaged[position] ^= (byte)random.Next(1, 256);
            }

            var result = ReedSolomonDecoder.Decode(damaged, 7);
            failures += result < 0 ? 1 : 0;
            Assert.False(result >= 0 && damaged.SequenceEqual(clean));
        }

        // Beyond capacity almost every word is detected as uncorrectable (a few land within distance 3 of another codeword).
        Assert.True(failures > 450, $"{failures} of 500 detected");
    }
}
