namespace QrForge.Encoding;

/// <summary>
/// Error correction level (ISO/IEC 18004:2015 §5.3.8 and Table 7), ordered from weakest to strongest.
/// </summary>
/// <remarks>
/// Approximate share of codewords that can be restored: L 7 %, M 15 %, Q 25 %, H 30 %.
/// Micro QR M1 offers error detection only and reports <see cref="L"/>; M2 and M3 allow L and M;
/// M4 allows L, M and Q.
/// </remarks>
public enum Ecc
{
    /// <summary>Low: about 7 % of codewords can be restored.</summary>
    L = 0,

    /// <summary>Medium: about 15 % of codewords can be restored.</summary>
    M = 1,

    /// <summary>Quartile: about 25 % of codewords can be restored.</summary>
    Q = 2,

    /// <summary>High: about 30 % of codewords can be restored.</summary>
    H = 3,
}
