using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Cli;

/// <summary>
/// What <c>qrforge encode</c> was asked, each value already checked on its own (ranges, names, colours).
/// Checks that involve several options happen in <see cref="EncodeCommand.Run"/>. Null means not given.
/// </summary>
internal sealed record EncodeArguments
{
    /// <summary>The TEXT argument.</summary>
    public string? Text { get; init; }

    /// <summary>--input: a file of raw bytes, or <c>-</c> for standard input.</summary>
    public string? InputPath { get; init; }

    /// <summary>-o, --output: the file to write.</summary>
    public string? OutputPath { get; init; }

    /// <summary>--format, which overrides the output file's extension.</summary>
    public OutputFormat? Format { get; init; }

    /// <summary>--ecc; default M.</summary>
    public Ecc Ecc { get; init; } = Ecc.M;

    /// <summary>--version: a forced version.</summary>
    public VersionSpec? Version { get; init; }

    /// <summary>--min-version.</summary>
    public VersionSpec? MinVersion { get; init; }

    /// <summary>--max-version.</summary>
    public VersionSpec? MaxVersion { get; init; }

    /// <summary>--mask: 0–7 (0–3 for Micro QR).</summary>
    public int? Mask { get; init; }

    /// <summary>--mode; null is auto.</summary>
    public QrMode? Mode { get; init; }

    /// <summary>--eci: an ECI assignment number.</summary>
    public int? Eci { get; init; }

    /// <summary>--micro.</summary>
    public bool Micro { get; init; }

    /// <summary>--boost-ecc.</summary>
    public bool BoostEcc { get; init; }

    /// <summary>--gs1: FNC1 in first position.</summary>
    public bool Gs1 { get; init; }

    /// <summary>--split: the number of structured-append symbols, 1–16, or 0 for the fewest that hold the data.</summary>
    public int? Split { get; init; }

    /// <summary>--scale: pixels (points) per module.</summary>
    public int? Scale { get; init; }

    /// <summary>--size: image width in pixels.</summary>
    public int? Size { get; init; }

    /// <summary>--border: quiet zone in modules.</summary>
    public int? Border { get; init; }

    /// <summary>--dark.</summary>
    public Rgba? Dark { get; init; }

    /// <summary>--light.</summary>
    public Rgba? Light { get; init; }

    /// <summary>--shape.</summary>
    public ModuleShape? Shape { get; init; }

    /// <summary>--info: print the symbol's parameters as JSON.</summary>
    public bool Info { get; init; }
}

/// <summary>A version as written on the command line: <c>7</c>, or <c>M3</c> for Micro QR.</summary>
/// <param name="Number">1–40, or 1–4 when <paramref name="Micro"/>.</param>
/// <param name="Micro">Whether it was written with the <c>M</c> prefix.</param>
internal readonly record struct VersionSpec(int Number, bool Micro)
{
    /// <summary>Parses <c>1</c>–<c>40</c> or <c>M1</c>–<c>M4</c> (any case); null and an error message otherwise.</summary>
    public static VersionSpec? Parse(string text, out string? error)
    {
        error = null;
        var micro = text.StartsWith('M') || text.StartsWith('m');
        var digits = micro ? text[1..] : text;
        if (digits.Length is 0 or > 2 || !digits.All(char.IsAsciiDigit))
        {
            error = $"'{text}' is not a version: use 1-40, or M1-M4 for Micro QR";
            return null;
        }

        var number = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        var top = micro ? 4 : 40;
        if (number < 1 || number > top)
        {
            error = micro ? $"{text} is out of range M1-M4" : $"{number} is out of range 1-40";
            return null;
        }

        return new VersionSpec(number, micro);
    }

    public override string ToString() =>
        (Micro ? "M" : "") + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What <c>qrforge encode</c> writes.</summary>
internal enum OutputFormat
{
    /// <summary>A PNG image.</summary>
    Png,

    /// <summary>An SVG document.</summary>
    Svg,

    /// <summary>A one-page PDF.</summary>
    Pdf,

    /// <summary>Encapsulated PostScript.</summary>
    Eps,

    /// <summary>Unicode half blocks.</summary>
    Txt,

    /// <summary>Half blocks with ANSI colours, for terminals.</summary>
    Ansi,
}
