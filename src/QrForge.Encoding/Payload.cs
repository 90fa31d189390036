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
