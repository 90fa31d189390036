namespace QrForge.Encoding;

/// <summary>
/// How a symbol is built: error correction, version range, mask, mode, ECI, FNC1 and Micro QR.
/// Every property has a sensible default, so <c>new QrEncodeOptions()</c> is a version-auto, mask-auto,
/// mode-auto QR Code at level M.
/// </summary>
/// <remarks>Immutable and thread-safe; one instance may be shared by any number of callers.</remarks>
public sealed record QrEncodeOptions
{
    /// <summary>The defaults: ECC M, versions 1–40, automatic mask and mode.</summary>
    public static QrEncodeOptions Default { get; } = new();

    /// <summary>Error correction level; the minimum when <see cref="BoostEcc"/> is set. Default <see cref="Ecc.M"/>.</summary>
    public Ecc Ecc { get; init; } = Ecc.M;

    /// <summary>Smallest version allowed: 1–40 for QR Code, 1–4 (M1–M4) for Micro QR. Default 1.</summary>
    public int MinVersion { get; init; } = 1;

    /// <summary>Largest version allowed: 1–40 for QR Code, 1–4 (M1–M4) for Micro QR. Default 40 (4 for Micro QR).</summary>
    public int MaxVersion { get; init; } = 40;

    /// <summary>A forced mask pattern (0–7 for QR Code, 0–3 for Micro QR), or <see langword="null"/> to choose by the penalty rules.</summary>
    public int? Mask { get; init; }

    /// <summary>Raise the error correction level as far as the chosen version allows without growing. Default off.</summary>
    public bool BoostEcc { get; init; }

    /// <summary>Build a Micro QR symbol (M1–M4) instead of a QR Code. Default off.</summary>
    public bool Micro { get; init; }

    /// <summary>
    /// Forced mode for text: <see cref="QrMode.Numeric"/>, <see cref="QrMode.Alphanumeric"/>, <see cref="QrMode.Byte"/>
    /// or <see cref="QrMode.Kanji"/>; <see langword="null"/> (the default) picks the shortest mix of modes.
    /// Text the forced mode cannot represent is an <see cref="ArgumentException"/>.
    /// </summary>
    public QrMode? Mode { get; init; }

    /// <summary>
    /// An ECI assignment number to write before the data, or <see langword="null"/> (the default) to let the
    /// encoder decide: ASCII text gets none; non-ASCII text that Shift JIS holds entirely goes in kanji mode with
    /// none; any other non-ASCII text is written as UTF-8 behind ECI 26, which zbar, ZXing and phone cameras all
    /// read back (undesignated UTF-8 is guessed, and short texts are misread). When set, text is encoded in the
    /// character set the number names: 26 UTF-8, 3 ISO-8859-1, 20 Shift JIS, 25 UTF-16BE; binary data is
    /// written as given. Range 0–999999. Micro QR has no ECI.
    /// </summary>
    public int? Eci { get; init; }

    /// <summary>FNC1 marking of the data (GS1 or an industry application). Default none. Not available in Micro QR.</summary>
    public QrFnc1 Fnc1 { get; init; }

    /// <summary>
    /// The application indicator written after FNC1 in second position (§7.4.8.3): one Latin letter
    /// (<c>"a"</c>–<c>"z"</c>, <c>"A"</c>–<c>"Z"</c>) or two digits (<c>"00"</c>–<c>"99"</c>). Required with
    /// <see cref="QrFnc1.Second"/>, ignored otherwise.
    /// </summary>
    public string? ApplicationIndicator { get; init; }
}
