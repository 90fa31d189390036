using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace QrForge.Rendering;

/// <summary>
/// A growable byte buffer over <see cref="ArrayPool{T}.Shared"/>, with the ASCII appends the text formats need.
/// Not thread-safe; dispose it to return the array.
/// </summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;
    private int _length;

    public PooledBuffer(int initialCapacity) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    /// <summary>The written bytes from <paramref name="start"/>, writable (to patch lengths after the fact).</summary>
    public Span<byte> Slice(int start, int length) => _array.AsSpan(start, length);

    public void Advance(int count)
    {
        Debug.Assert(count >= 0 && _length + count <= _array.Length);
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length);
    }

    public void Append(byte value)
    {
        if (_length == _array.Length)
        {
            Grow(1);
        }

        _array[_length++] = value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_array.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends a whole number in invariant decimal form.</summary>
    public void AppendInt(int value)
    {
        Ensure(11);
        var span = _array.AsSpan(_length);
        if ((uint)value < 10)
        {
            span[0] = (byte)('0' + value);
            _length++;
            return;
        }

        if ((uint)value < 100)
        {
            span[0] = (byte)('0' + (value / 10));
            span[1] = (byte)('0' + (value % 10));
            _length += 2;
            return;
        }

        var ok = value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        Debug.Assert(ok);
        _length += written;
    }

    /// <summary>Appends a number with at most four decimals, no exponent, no trailing zeros (<c>2.5</c>, <c>-0.1381</c>, <c>3</c>).</summary>
    public void AppendNumber(double value)
    {
        Debug.Assert(double.IsFinite(value) && Math.Abs(value) < 1e9);
        var rounded = Math.Round(value, 4, MidpointRounding.AwayFromZero);
        if (rounded == Math.Floor(rounded) && rounded >= 0)
        {
            AppendInt((int)rounded);
            return;
        }

        Ensure(24);
        var ok = rounded.TryFormat(_array.AsSpan(_length), out var written, "0.####", CultureInfo.InvariantCulture);
        Debug.Assert(ok);
        _length += written;
    }

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        var array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Ensure(int sizeHint)
    {
        if (_array.Length - _length < Math.Max(sizeHint, 1))
        {
            Grow(sizeHint);
        }
    }

    private void Grow(int sizeHint)
    {
        var needed = (long)_length + Math.Max(sizeHint, 1);
        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_array.Length * 2));
        if (size < needed)
        {
            throw new InvalidOperationException("The output is larger than an array can hold.");
        }

        var bigger = ArrayPool<byte>.Shared.Rent(size);
        WrittenSpan.CopyTo(bigger);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = bigger;
    }
}
