using System.Diagnostics;

namespace QrForge.Encoding;

/// <summary>Appends bits, most significant first, to a zeroed byte buffer. The caller sizes the buffer.</summary>
internal ref struct BitWriter
{
    private readonly Span<byte> _buffer;
    private int _bitLength;

    public BitWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _bitLength = 0;
    }

    public readonly int BitLength => _bitLength;

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="value"/> (0 ≤ count ≤ 31).</summary>
    public void Write(int value, int count)
    {
        Debug.Assert(count is >= 0 and <= 31 && (count == 31 || value >> count == 0));
        var pos = _bitLength;
        _bitLength += count;
        Debug.Assert(_bitLength <= _buffer.Length * 8);
        // Write whole chunks that end on byte boundaries; at most 5 bytes are touched.
        while (count > 0)
        {
            var free = 8 - (pos & 7);
            var take = Math.Min(free, count);
            count -= take;
            var chunk = (value >> count) & ((1 << take) - 1);
            _buffer[pos >> 3] |= (byte)(chunk << (free - take));
            pos += take;
        }
    }

    /// <summary>Appends the first <paramref name="bitCount"/> bits of <paramref name="bits"/> (MSB-first packed).</summary>
    public void WriteBits(scoped ReadOnlySpan<byte> bits, int bitCount)
    {
        if ((_bitLength & 7) == 0 && (bitCount & 7) == 0)
        {
            bits[..(bitCount >> 3)].CopyTo(_buffer[(_bitLength >> 3)..]);
            _bitLength += bitCount;
            return;
        }

        var whole = bitCount >> 3;
        for (var i = 0; i < whole; i++)
        {
            Write(bits[i], 8);
        }

        var rest = bitCount & 7;
        if (rest > 0)
        {
            Write(bits[whole] >> (8 - rest), rest);
        }
    }

    /// <summary>Appends bytes, 8 bits each.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if ((_bitLength & 7) == 0)
        {
            bytes.CopyTo(_buffer[(_bitLength >> 3)..]);
            _bitLength += bytes.Length * 8;
            return;
        }

        var shift = _bitLength & 7;
        var index = _bitLength >> 3;
        foreach (var b in bytes)
        {
            _buffer[index] |= (byte)(b >> shift);
            _buffer[++index] = (byte)(b << (8 - shift));
        }

        _bitLength += bytes.Length * 8;
    }
}
