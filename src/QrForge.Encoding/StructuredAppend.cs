namespace QrForge.Encoding;

/// <summary>
/// Structured append (§8): one message split over up to 16 symbols, each carrying its position, the count and
/// a parity byte (the XOR of every byte of the whole message) so a reader can join them.
/// </summary>
internal static class StructuredAppend
{
    public const int MaxSymbols = 16;

    public static IReadOnlyList<QrCode> Encode(string text, int symbolCount, QrEncodeOptions options)
    {
        Validate(symbolCount, options);
        // The parity is taken over the message's bytes in the character set the symbols use.
        var charset = options.Eci is int eci ? TextCharsetExtensions.FromEci(eci) ?? TextCharset.Utf8 : TextCharset.Utf8;
        var parity = Parity(charset.GetEncoding().GetBytes(text));
        return Split(text.Length, symbolCount, options, (start, length, index, count, o) =>
        {
            var part = text.AsSpan(start, length);
            // Kanji stays off so the parity, taken over the UTF-8 bytes, matches what each symbol holds.
            return SymbolBuilder.BuildText(part, o, index, count, parity, allowKanji: false, out var error)
                is { } code ? (code, default) : (null, error);
        }, BoundaryFor(text));
    }

    public static IReadOnlyList<QrCode> Encode(byte[] data, int symbolCount, QrEncodeOptions options)
    {
        Validate(symbolCount, options);
        var parity = Parity(data);
        return Split(data.Length, symbolCount, options, (start, length, index, count, o) =>
            SymbolBuilder.BuildBinary(data.AsSpan(start, length), o, index, count, parity, out var error)
                is { } code ? (code, default) : (null, error), static _ => true);
    }

    private static void Validate(int symbolCount, QrEncodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(symbolCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(symbolCount, MaxSymbols);
        if (options.Micro)
        {
            throw new ArgumentException("Micro QR symbols cannot be joined by structured append.", nameof(options));
        }
    }

    /// <summary>XOR of every byte of the message (§8.2).</summary>
    public static byte Parity(ReadOnlySpan<byte> message)
    {
        byte parity = 0;
        foreach (var b in message)
        {
            parity ^= b;
        }

        return parity;
    }

    private delegate (QrCode? Code, EncodeError Error) PartBuilder(int start, int length, int index, int count, QrEncodeOptions options);

    /// <summary>
    /// Splits [0, length) into <paramref name="symbolCount"/> near-equal parts (0 = the fewest parts that fit,
    /// up to 16) at positions <paramref name="isBoundary"/> allows, and builds each part.
    /// </summary>
    private static QrCode[] Split(int length, int symbolCount, QrEncodeOptions options, PartBuilder build, Func<int, bool> isBoundary)
    {
        var first = symbolCount == 0 ? 1 : symbolCount;
        var last = symbolCount == 0 ? MaxSymbols : symbolCount;
        EncodeError error = default;
        for (var count = first; count <= last; count++)
        {
            if (count > Math.Max(1, length))
            {
                break;
            }

            var codes = new QrCode[count];
            var start = 0;
            var ok = true;
            for (var i = 0; i < count && ok; i++)
            {
                var end = i == count - 1 ? length : (int)((long)length * (i + 1) / count);
                while (end < length && !isBoundary(end))
                {
                    end++;
                }

                (var code, error) = build(start, end - start, i, count, options);
                ok = code is not null;
                codes[i] = code!;
                start = end;
            }

            if (ok)
            {
                return codes;
            }

            if (!error.TooLong)
            {
                break;
            }
        }

        if (error.TooLong)
        {
            throw error.ToException();
        }

        throw error.Message is null
            ? new ArgumentException($"The data cannot be split into {symbolCount} symbols: it has only {length} units.", nameof(symbolCount))
            : error.ToException();
    }

    // A text split must not cut a surrogate pair.
    private static Func<int, bool> BoundaryFor(string text) => i => !char.IsLowSurrogate(text[i]);
}
