namespace QrForge.Encoding;

/// <summary>What goes into one symbol: the headers (structured append, ECI, FNC1) and the data source.</summary>
internal ref struct Payload
{
    public PayloadKind Kind;
    public ReadOnlySpan<char> Text;
    public ReadOnlySpan<byte> Bytes;
    public IReadOnlyList<QrSegment>? Segments;
    public TextCharset Charset;
    public bool AllowKanji;
    public bool AsciiBytesOnly;
    public QrMode? ForcedMode;
    public int Eci;            // -1 for none
    public QrFnc1 Fnc1;
    public string? AppIndicator;
    public int SaIndex;
    public int SaCount;        // 0 for no structured append header
    public byte SaParity;

    /// <summary>Bits of the headers before the data: SA 20, ECI 4 + 8/16/24, FNC1 4 or 12.</summary>
    public readonly int HeaderBits()
    {
        var bits = SaCount > 0 ? 20 : 0;
        if (Eci >= 0)
        {
            bits += 4 + BitCosts.EciBits(Eci);
        }

        return bits + Fnc1 switch { QrFnc1.First => 4, QrFnc1.Second => 12, _ => 0 };
    }
}

internal enum PayloadKind
{
    Text,
    Bytes,
    Segments,
}

/// <summary>Why a symbol could not be built, without throwing on the hot path.</summary>
internal readonly record struct EncodeError(ArgumentException? Invalid, int RequiredBits, int AvailableBits, int MaxVersion, Ecc Ecc, bool Micro, bool TooLong)
{
    public string? Message => Invalid?.Message;

    public Exception ToException() => TooLong
        ? new DataTooLongException(RequiredBits, AvailableBits, MaxVersion, Ecc, Micro)
        : Invalid ?? new ArgumentException("The data cannot be encoded.");

    /// <summary>An invalid request; the exception is created but not thrown, so TryEncode stays exception-free.</summary>
    public static EncodeError InvalidArgument(ArgumentException exception) => new(exception, 0, 0, 0, default, false, false);

    public static EncodeError InvalidArgument(string message, string? param) => InvalidArgument(new ArgumentException(message, param));
}
