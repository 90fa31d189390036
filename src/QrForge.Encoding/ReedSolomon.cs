using System.Buffers.Binary;
using System.Diagnostics;

namespace QrForge.Encoding;

/// <summary>
/// Reed–Solomon error correction codewords (§7.5.2) over GF(2^8) with the field's primitive polynomial
/// x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator element α = 2. The generator polynomial for n codewords is
/// (x − α^0)(x − α^1)…(x − α^(n−1)); it is built once per n and kept in log form.
/// </summary>
internal static class ReedSolomon
{
    private const int Primitive = 0x11D;

    // Exp is doubled (510 entries) so Exp[Log[a] + Log[b]] needs no modulo; Log[0] is unused.
    private static readonly byte[] Exp = BuildExp();
    private static readonly byte[] Log = BuildLog(Exp);
    private static readonly byte[]?[] GeneratorLogs = new byte[31][];

    /// <summary>α^i for 0 ≤ i &lt; 510.</summary>
    public static byte Power(int i) => Exp[i];

    /// <summary>Product of two field elements.</summary>
    public static byte Multiply(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    /// <summary>
    /// Writes the <paramref name="ecc"/>.Length remainder codewords of <paramref name="data"/> divided by the
    /// generator polynomial of that degree (2–30) into <paramref name="ecc"/>.
    /// </summary>
    /// <remarks>
    /// Polynomial long division as a shift register held in four 64-bit words (32 bytes, remainder byte i at
    /// bits 8i..8i+7 counted across the words): per data byte, the leading remainder byte and the data byte give
    /// the factor, the register shifts down one byte, and the precomputed row factor × generator is XOR-ed in.
    /// </remarks>
    public static void Compute(ReadOnlySpan<byte> data, Span<byte> ecc)
    {
        var degree = ecc.Length;
        Debug.Assert(degree is >= 2 and <= 30);
        var rows = ProductRows[degree] ?? BuildProductRows(degree);
        ulong r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        foreach (var d in data)
        {
            var factor = (d ^ (int)r0) & 0xFF;
            var row = factor * 4;
            r0 = ((r0 >> 8) | (r1 << 56)) ^ rows[row];
            r1 = ((r1 >> 8) | (r2 << 56)) ^ rows[row + 1];
            r2 = ((r2 >> 8) | (r3 << 56)) ^ rows[row + 2];
            r3 = (r3 >> 8) ^ rows[row + 3];
        }

        Span<byte> register = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(register, r0);
        BinaryPrimitives.WriteUInt64LittleEndian(register[8..], r1);
        BinaryPrimitives.WriteUInt64LittleEndian(register[16..], r2);
        BinaryPrimitives.WriteUInt64LittleEndian(register[24..], r3);
        register[..degree].CopyTo(ecc);
    }

    // For each degree, 256 rows of 4 words: row f holds f × (generator coefficient i) at byte i.
    private static readonly ulong[]?[] ProductRows = new ulong[31][];

    private static ulong[] BuildProductRows(int degree)
    {
        var gen = Generator(degree);
        var rows = new ulong[256 * 4];
        for (var f = 1; f < 256; f++)
        {
            var lf = Log[f];
            for (var i = 0; i < degree; i++)
            {
                rows[f * 4 + (i >> 3)] |= (ulong)Exp[lf + gen[i]] << ((i & 7) * 8);
            }
        }

        Volatile.Write(ref ProductRows[degree], rows);
        return rows;
    }

    /// <summary>The generator polynomial's coefficients below the leading 1, highest power first, as logarithms.</summary>
    internal static byte[] Generator(int degree) => GeneratorLogs[degree] ?? BuildGenerator(degree);

    private static byte[] BuildGenerator(int degree)
    {
        // coefficients[i] of x^(degree-1-i), leading coefficient 1 implied.
        var poly = new byte[degree];
        poly[degree - 1] = 1;
        byte root = 1; // α^0
        for (var i = 0; i < degree; i++)
        {
            // Multiply by (x - root): shift up and add root * current.
            for (var j = 0; j < degree; j++)
            {
                poly[j] = Multiply(poly[j], root);
                if (j + 1 < degree)
                {
                    poly[j] ^= poly[j + 1];
                }
            }

            root = Multiply(root, 2);
        }

        var logs = new byte[degree];
        for (var i = 0; i < degree; i++)
        {
            Debug.Assert(poly[i] != 0, "generator coefficients of QR codes are never zero");
            logs[i] = Log[poly[i]];
        }

        Volatile.Write(ref GeneratorLogs[degree], logs);
        return logs;
    }

    private static byte[] BuildExp()
    {
        var exp = new byte[510];
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            exp[i] = (byte)x;
            exp[i + 255] = (byte)x;
            x <<= 1;
            if (x >= 256)
            {
                x ^= Primitive;
            }
        }

        return exp;
    }

    private static byte[] BuildLog(byte[] exp)
    {
        var log = new byte[256];
        for (var i = 0; i < 255; i++)
        {
            log[exp[i]] = (byte)i;
        }

        return log;
    }
}
