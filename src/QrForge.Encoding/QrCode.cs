using System.Diagnostics.CodeAnalysis;

namespace QrForge.Encoding;

/// <summary>
/// An immutable QR Code or Micro QR symbol: a square grid of dark and light modules, without quiet zone.
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="EncodeText(string, Ecc)"/>, <see cref="EncodeBinary(ReadOnlySpan{byte}, Ecc)"/>,
/// <see cref="EncodeSegments(IReadOnlyList{QrSegment}, QrEncodeOptions)"/> or their <c>TryEncode</c> forms.
/// Instances are immutable and safe to share between threads.</para>
/// <para>Modules are stored bit-packed: row <c>y</c> is <see cref="WordsPerRow"/> 64-bit words, module <c>x</c>
/// at bit <c>x % 64</c> of word <c>x / 64</c>; bits past <see cref="Size"/> are zero.</para>
/// </remarks>
public sealed class QrCode
{
    private readonly ulong[] _modules;

    internal QrCode(int version, bool micro, Ecc ecc, int mask, ulong[] modules, QrSegmentInfo[] segments)
    {
        Version = version;
        IsMicro = micro;
        Ecc = ecc;
        Mask = mask;
        Size = Tables.Size(version, micro);
        WordsPerRow = (Size + 63) >> 6;
        _modules = modules;
        Segments = segments;
    }

    /// <summary>Modules per side, 21–177 for QR Code and 11–17 for Micro QR.</summary>
    public int Size { get; }

    /// <summary>Version: 1–40 for QR Code, 1–4 for Micro QR (M1–M4).</summary>
    public int Version { get; }

    /// <summary>Whether this is a Micro QR symbol.</summary>
    public bool IsMicro { get; }

    /// <summary>Error correction level actually used (may exceed the request when boosted). M1 reports <see cref="Ecc.L"/>.</summary>
    public Ecc Ecc { get; }

    /// <summary>Mask pattern: 0–7 for QR Code, 0–3 for Micro QR.</summary>
    public int Mask { get; }

    /// <summary>64-bit words per row in <see cref="GetRow(int)"/>.</summary>
    public int WordsPerRow { get; }

    /// <summary>The segments the data was encoded as, in order, headers (ECI, FNC1, structured append) included.</summary>
    public IReadOnlyList<QrSegmentInfo> Segments { get; }

    /// <summary>The name of the version: <c>"7"</c> or <c>"M3"</c>.</summary>
    public string VersionName => IsMicro ? "M" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture)
                                         : Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the module at column <paramref name="x"/>, row <paramref name="y"/> is dark. Coordinates outside
    /// 0 ≤ x, y &lt; <see cref="Size"/> are light (the quiet zone), so renderers need no bounds checks.
    /// </summary>
    public bool this[int x, int y] =>
        (uint)x < (uint)Size && (uint)y < (uint)Size &&
        ((_modules[y * WordsPerRow + (x >> 6)] >> (x & 63)) & 1) != 0;

    /// <summary>Row <paramref name="y"/> as <see cref="WordsPerRow"/> words; module x is bit x % 64 of word x / 64.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="y"/> is outside 0 ≤ y &lt; <see cref="Size"/>.</exception>
    public ReadOnlySpan<ulong> GetRow(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Size);
        return _modules.AsSpan(y * WordsPerRow, WordsPerRow);
    }

    /// <summary>Encodes text in the shortest mix of modes, at the smallest version that holds it.</summary>
    /// <param name="text">Any text; non-ASCII characters are written as UTF-8 bytes (or kanji where shorter).</param>
    /// <param name="ecc">The error correction level.</param>
    /// <exception cref="DataTooLongException">The text does not fit in version 40 at this level.</exception>
    public static QrCode EncodeText(string text, Ecc ecc) => EncodeText(text, Options(ecc));

    /// <summary>Encodes text as the options ask.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or a forced mode cannot represent the text.</exception>
    /// <exception cref="DataTooLongException">The text does not fit in any allowed symbol.</exception>
    public static QrCode EncodeText(string text, QrEncodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return SymbolBuilder.BuildText(text, options, out var error) ?? throw error.ToException();
    }

    /// <summary>Encodes bytes in byte mode, at the smallest version that holds them.</summary>
    /// <exception cref="DataTooLongException">The data does not fit in version 40 at this level.</exception>
    public static QrCode EncodeBinary(ReadOnlySpan<byte> data, Ecc ecc) => EncodeBinary(data, Options(ecc));

    /// <summary>Encodes bytes in byte mode as the options ask (mode options other than byte are refused).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="DataTooLongException">The data does not fit in any allowed symbol.</exception>
    public static QrCode EncodeBinary(ReadOnlySpan<byte> data, QrEncodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SymbolBuilder.BuildBinary(data, options, out var error) ?? throw error.ToException();
    }

    /// <summary>
    /// Encodes segments made by the caller, in order, adding the ECI and FNC1 headers the options ask for.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or a segment is not allowed in the symbol.</exception>
    /// <exception cref="DataTooLongException">The segments do not fit in any allowed symbol.</exception>
    public static QrCode EncodeSegments(IReadOnlyList<QrSegment> segments, QrEncodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        return SymbolBuilder.BuildSegments(segments, options, out var error) ?? throw error.ToException();
    }

    /// <summary>Like <see cref="EncodeText(string, QrEncodeOptions)"/> but returns <see langword="false"/> instead of throwing when the text does not fit or the options are invalid.</summary>
    public static bool TryEncodeText(string text, QrEncodeOptions options, [NotNullWhen(true)] out QrCode? code)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        code = SymbolBuilder.BuildText(text, options, out _);
        return code is not null;
    }

    /// <summary>Like <see cref="EncodeBinary(ReadOnlySpan{byte}, QrEncodeOptions)"/> but returns <see langword="false"/> instead of throwing.</summary>
    public static bool TryEncodeBinary(ReadOnlySpan<byte> data, QrEncodeOptions options, [NotNullWhen(true)] out QrCode? code)
    {
        ArgumentNullException.ThrowIfNull(options);
        code = SymbolBuilder.BuildBinary(data, options, out _);
        return code is not null;
    }

    /// <summary>Like <see cref="EncodeSegments(IReadOnlyList{QrSegment}, QrEncodeOptions)"/> but returns <see langword="false"/> instead of throwing.</summary>
    public static bool TryEncodeSegments(IReadOnlyList<QrSegment> segments, QrEncodeOptions options, [NotNullWhen(true)] out QrCode? code)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        code = SymbolBuilder.BuildSegments(segments, options, out _);
        return code is not null;
    }

    /// <summary>
    /// Splits text over <paramref name="symbolCount"/> QR Code symbols joined by structured append (§8): each
    /// holds its position, the count and the parity of the whole message (the XOR of its UTF-8 bytes).
    /// </summary>
    /// <param name="text">The whole message.</param>
    /// <param name="symbolCount">1–16 symbols, or 0 for the fewest that hold the text within the options' versions.</param>
    /// <param name="options">Applied to every symbol; Micro QR is refused (it has no structured append).</param>
    /// <returns>The symbols in order, position 1 first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="symbolCount"/> is outside 0–16.</exception>
    /// <exception cref="DataTooLongException">A part does not fit in any allowed symbol.</exception>
    public static IReadOnlyList<QrCode> EncodeStructuredAppend(string text, int symbolCount, QrEncodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        return StructuredAppend.Encode(text, symbolCount, options);
    }

    /// <summary>Splits bytes over <paramref name="symbolCount"/> symbols joined by structured append, in byte mode.</summary>
    /// <inheritdoc cref="EncodeStructuredAppend(string, int, QrEncodeOptions)"/>
    public static IReadOnlyList<QrCode> EncodeStructuredAppend(byte[] data, int symbolCount, QrEncodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        return StructuredAppend.Encode(data, symbolCount, options);
    }

    private static QrEncodeOptions Options(Ecc ecc) => ecc switch
    {
        Ecc.L => CachedL,
        Ecc.M => QrEncodeOptions.Default,
        Ecc.Q => CachedQ,
        Ecc.H => CachedH,
        _ => throw new ArgumentOutOfRangeException(nameof(ecc), ecc, "Ecc must be L, M, Q or H."),
    };

    private static readonly QrEncodeOptions CachedL = new() { Ecc = Ecc.L };
    private static readonly QrEncodeOptions CachedQ = new() { Ecc = Ecc.Q };
    private static readonly QrEncodeOptions CachedH = new() { Ecc = Ecc.H };
}
