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
