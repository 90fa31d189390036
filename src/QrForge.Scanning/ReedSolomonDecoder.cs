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

    private static void ShiftUp(Span<int> polynomial)
    {
        for (var i = polynomial.Length - 1; i >= 1; i--)
        {
            polynomial[i] = polynomial[i - 1];
        }

        polynomial[0] = 0;
    }

    private static int Power(int power) => Exp[((power % 255) + 255) % 255];

    /// <summary>
    /// Corrects <paramref name="block"/> (data then ECC codewords, first codeword the highest-degree coefficient) in
    /// place. Returns the number of corrected codewords, or -1 when the errors exceed what the block can correct.
    /// </summary>
    public static int Decode(Span<byte> block, int eccCount) => Decode(block, eccCount, []);

    /// <summary>
    /// Corrects errors and erasures: <paramref name="erasures"/> are indices of codewords known to be unreliable.
    /// With e erasures and ν unknown errors, decoding succeeds when 2ν + e ≤ <paramref name="eccCount"/> (− 2 when
    /// e &gt; 0, kept to detect miscorrection). Returns the number of codewords changed, or -1.
    /// </summary>
    public static int Decode(Span<byte> block, int eccCount, ReadOnlySpan<int> erasures)
    {
        Debug.Assert(eccCount > 0 && eccCount < block.Length && block.Length <= 255);
        var n = block.Length;
        if (erasures.Length > eccCount)
        {
            return -1;
        }

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

        // Erasure locator Γ(x) = Π (1 − X_j x) with X_j = α^(n−1−p_j); it seeds the errata locator.
        Span<int> lambda = stackalloc int[eccCount + 1];
        Span<int> previous = stackalloc int[eccCount + 1];
        Span<int> scratch = stackalloc int[eccCount + 1];
        lambda.Clear();
        lambda[0] = 1;
        foreach (var position in erasures)
        {
            var locator = Power(n - 1 - position);
            for (var i = eccCount; i >= 1; i--)
            {
                lambda[i] ^= Multiply(lambda[i - 1], locator);
            }
        }

        // Berlekamp–Massey (Blahut's form, started from Γ with L = e): the shortest errata locator Λ(x).
        var e = erasures.Length;
        lambda.CopyTo(previous);
        var length = e;
        for (var r = e + 1; r <= eccCount; r++)
        {
            var d = 0;
            for (var j = 0; j <= length && j < r; j++)
            {
                d ^= Multiply(lambda[j], syndromes[r - 1 - j]);
            }

            if (d == 0)
            {
                ShiftUp(previous);
                continue;
            }

            // T = Λ − Δ·x·B
            lambda.CopyTo(scratch);
            for (var i = 1; i <= eccCount; i++)
            {
                scratch[i] ^= Multiply(d, previous[i - 1]);
            }

            if (2 * length <= r + e - 1)
            {
                length = r + e - length;
                var inverse = Inverse(d);
                for (var i = 0; i <= eccCount; i++)
                {
                    previous[i] = Multiply(lambda[i], inverse);
                }
            }
            else
            {
                ShiftUp(previous);
            }

            scratch.CopyTo(lambda);
        }

        // With erasures, keep two check symbols unspent: they are what detects a miscorrection when the doubtful
        // codewords were guessed wrong, the risk erasure decoding otherwise carries.
        if ((2 * (length - e)) + e > eccCount - (e > 0 ? 2 : 0))
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
        var roots = 0;
        var changed = 0;
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
            roots++;
            changed += magnitude != 0 ? 1 : 0;
        }

        // Every root of Λ must be a codeword position; otherwise the word was beyond correction.
        return roots == length ? changed : -1;
    }
}
