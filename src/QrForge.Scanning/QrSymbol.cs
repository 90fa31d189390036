using QrForge.Encoding;

namespace QrForge.Scanning;

/// <summary>A point in image pixel coordinates (x right, y down; pixel centres at .5).</summary>
/// <param name="X">Horizontal coordinate.</param>
/// <param name="Y">Vertical coordinate.</param>
public readonly record struct ScanPoint(double X, double Y);

/// <summary>The structured append header of a symbol (ISO/IEC 18004:2015 §8).</summary>
/// <param name="Position">Position of this symbol in its sequence, 1–16.</param>
/// <param name="Count">Number of symbols in the sequence, 1–16.</param>
/// <param name="Parity">XOR of all data bytes of the whole message, 0–255; identifies the sequence.</param>
public sealed record StructuredAppendInfo(int Position, int Count, int Parity);

/// <summary>One decoded QR Code symbol. Immutable.</summary>
public sealed record QrSymbol
{
    internal QrSymbol(IReadOnlyList<TextRun> runs)
    {
        Runs = runs;
    }

    /// <summary>The decoded text: byte segments in the charset their ECI names, else UTF-8 when valid, else ISO-8859-1; kanji as Shift JIS.</summary>
    public required string Text { get; init; }

    /// <summary>The payload bytes of all segments in order (digits and alphanumerics as ASCII, kanji as Shift JIS).</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The corrected data codewords (after Reed–Solomon, before segment parsing), padding included.</summary>
    public required ReadOnlyMemory<byte> DataCodewords { get; init; }

    /// <summary>Version 1–40 (or 1–4 for Micro QR M1–M4).</summary>
    public required int Version { get; init; }

    /// <summary>Whether this is a Micro QR symbol.</summary>
    public required bool IsMicro { get; init; }

    /// <summary>Error correction level (Micro QR M1 reports <see cref="Ecc.L"/>: it only detects errors).</summary>
    public required Ecc Ecc { get; init; }

    /// <summary>Data mask pattern, 0–7 (0–3 for Micro QR).</summary>
    public required int Mask { get; init; }

    /// <summary>The first ECI assignment number in the data, or null when none is declared.</summary>
    public required int? Eci { get; init; }

    /// <summary>FNC1 marking: GS1 (first position), an industry application (second position), or none.</summary>
    public required QrFnc1 Fnc1 { get; init; }

    /// <summary>The application indicator after FNC1 in second position (a letter or two digits), else null.</summary>
    public required string? ApplicationIndicator { get; init; }

    /// <summary>The symbol's corners in the image: top-left, top-right, bottom-right, bottom-left as the symbol reads.</summary>
    public required IReadOnlyList<ScanPoint> Corners { get; init; }

    /// <summary>Codewords Reed–Solomon correction changed, over all blocks.</summary>
    public required int CorrectedCodewords { get; init; }

    /// <summary>Whether the symbol was mirrored (read with rows and columns swapped).</summary>
    public required bool IsMirrored { get; init; }

    /// <summary>Whether the symbol was light on dark.</summary>
    public required bool IsInverted { get; init; }

    /// <summary>The structured append header, or null when the symbol stands alone.</summary>
    public required StructuredAppendInfo? StructuredAppend { get; init; }

    internal IReadOnlyList<TextRun> Runs { get; }
}

/// <summary>
/// A whole message: one standalone symbol, or a structured append sequence joined in position order.
/// </summary>
/// <param name="Text">The joined text (charsets applied across symbol boundaries).</param>
/// <param name="Data">The joined payload bytes.</param>
/// <param name="Symbols">The symbols in position order (one for a standalone symbol).</param>
/// <param name="IsComplete">Whether every position 1–count of the sequence was present (always true for a standalone symbol).</param>
/// <param name="ParityMatches">Whether the XOR of the joined data bytes equals the sequence parity (always true for a standalone symbol).</param>
public sealed record QrMessage(string Text, ReadOnlyMemory<byte> Data, IReadOnlyList<QrSymbol> Symbols, bool IsComplete, bool ParityMatches);
