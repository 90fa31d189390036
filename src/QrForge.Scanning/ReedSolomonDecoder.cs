using System.Diagnostics;

namespace QrForge.Scanning;

/// <summary>
/// Reed–Solomon error correction over GF(2^8) for QR Code (ISO/IEC 18004:2015 §7.5.2): field polynomial
/// x^8 + x^4 + x^3 + x^2 + 1 (0x11D), generator roots α^0 … α^(n−1). Syndromes, Berlekamp–Massey for the error
/// locator, Chien search for the positions and Forney's formula for the values.
/// </summary>
internal static class ReedSolomonDecoder
{
    // 0x11D: the primitive polynomial the standard fixes for the QR Code field; α = 2 generates it.
    private const int FieldPolynomial = 0x11D;

    private static readonly byte[] Exp = BuildExp();
    private static readonly byte[] Log = BuildLog();

    private static byte[] BuildExp()
    {
        // Doubled to 512 entries so a product of two logs needs no modulo.
        var exp = new byte[512];
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            exp[i] = (byte)x;
            x <<= 1;
            if (x >= 256)
            {
                x ^= FieldPolynomial;
            }
        }

        for (var i = 255; i < 512; i++)
        {
            exp[i] = exp[i - 255];
        }

        return exp;
    }

    private static byte[] BuildLog()
    {
        var log = new byte[256];
        for (var i = 0; i < 255; i++)
        {
            log[BuildExpValue(i)] = (byte)i;
        }

        return log;
    }

    private static int BuildExpValue(int power)
    {
        var x = 1;
        for (var i = 0; i < power; i++)
        {
            x <<= 1;
            if (x >= 256)
            {
                x ^= FieldPolynomial;
            }
        }

        return x;
    }

    internal static int Multiply(int a, int b) => a == 0 || b == 0 ? 0 : Exp[Log[a] + Log[b]];

    private static int Inverse(int a)
    {
        Debug.Assert(a != 0);
        return Exp[255 - Log[a]];
    }

    private static int Power(int power) => Exp[((power % 255) + 255) % 255];

    /// <summary>
    /// Corrects <paramref name="block"/> (data then ECC codewords, first codeword the highest-degree coefficient) in
    /// place. Returns the number of corrected codewords, or -1 when the errors exceed what the block can correct.
    /// </summary>
    public static int Decode(Span<byte> block, int eccCount)
    {
        Debug.Assert(eccCount > 0 && eccCount < block.Length && block.Length <= 255);
        var n = block.Length;
        Span<int> syndromes = stackalloc int[eccCount];
        var allZero = true;
        for (var i = 0; i < eccCount; i++)
        {
            // S_i = r(α^i), evaluated by Horner from the highest-degree coefficient.
            var s = 0;
            var x = Power(i);
            foreach (var c in block)
            {
                s = Multiply(s, x) ^ c;
            }

            syndromes[i] = s;
            allZero &= s == 0;
        }

        if (allZero)
        {
            return 0;
        }

        // Berlekamp–Massey: the shortest LFSR Λ(x) (Λ_0 = 1) generating the syndromes.
        Span<int> lambda = stackalloc int[eccCount + 1];
        Span<int> previous = stackalloc int[eccCount + 1];
        Span<int> scratch = stackalloc int[eccCount + 1];
        lambda.Clear();
        previous.Clear();
        lambda[0] = 1;
        previous[0] = 1;
        var length = 0;
        var shift = 1;
        var previousDiscrepancy = 1;
        for (var k = 0; k < eccCount; k++)
        {
            var d = syndromes[k];
            for (var i = 1; i <= length; i++)
            {
                d ^= Multiply(lambda[i], syndromes[k - i]);
            }

            if (d == 0)
            {
                shift++;
                continue;
            }

            var coefficient = Multiply(d, Inverse(previousDiscrepancy));
            if (2 * length <= k)
            {
                lambda.CopyTo(scratch);
                for (var i = 0; i + shift <= eccCount; i++)
                {
                    lambda[i + shift] ^= Multiply(coefficient, previous[i]);
                }

                length = k + 1 - length;
                scratch.CopyTo(previous);
                previousDiscrepancy = d;
                shift = 1;
            }
            else
            {
                for (var i = 0; i + shift <= eccCount; i++)
                {
                    lambda[i + shift] ^= Multiply(coefficient, previous[i]);
                }

                shift++;
            }
        }

        if (2 * length > eccCount)
        {
            return -1;
        }

        // Ω(x) = S(x)·Λ(x) mod x^eccCount.
        Span<int> omega = stackalloc int[eccCount];
        for (var i = 0; i < eccCount; i++)
        {
            var v = 0;
            for (var j = 0; j <= Math.Min(i, length); j++)
            {
                v ^= Multiply(lambda[j], syndromes[i - j]);
            }

            omega[i] = v;
        }

        // Chien search: codeword index p has locator X = α^(n−1−p); it is in error when Λ(X^−1) = 0.
        var found = 0;
        for (var p = 0; p < n; p++)
        {
            var xInverse = Power(-(n - 1 - p));
            var value = 0;
            for (var i = length; i >= 0; i--)
            {
                value = Multiply(value, xInverse) ^ lambda[i];
            }

            if (value != 0)
            {
                continue;
            }

            // Forney with first consecutive root α^0: e = X · Ω(X^−1) / Λ'(X^−1); Λ' keeps the odd terms.
            var omegaValue = 0;
            for (var i = eccCount - 1; i >= 0; i--)
            {
                omegaValue = Multiply(omegaValue, xInverse) ^ omega[i];
            }

            var derivative = 0;
            var xInverseSquared = Multiply(xInverse, xInverse);
            for (var i = length - (length % 2 == 0 ? 1 : 0); i >= 1; i -= 2)
            {
                derivative = Multiply(derivative, xInverseSquared) ^ lambda[i];
            }

            if (derivative == 0)
            {
                return -1;
            }

            var magnitude = Multiply(Power(n - 1 - p), Multiply(omegaValue, Inverse(derivative)));
            block[p] ^= (byte)magnitude;
            found++;
        }

        return found == length ? found : -1;
    }
}
