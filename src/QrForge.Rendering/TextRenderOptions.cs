namespace QrForge.Rendering;

/// <summary>How text output looks. Immutable; share freely between threads.</summary>
public sealed record TextRenderOptions
{
    /// <summary>Half blocks, default quiet zone, not inverted.</summary>
    public static TextRenderOptions Default { get; } = new();

    /// <summary>The characters used. Default <see cref="TextStyle.HalfBlocks"/>.</summary>
    public TextStyle Style { get; init; }

    /// <summary>Quiet zone in modules (0–100); null (the default) means 4, or 2 for Micro QR.</summary>
    public int? Border { get; init; }

    /// <summary>
    /// Swap dark and light (half blocks and ASCII only; ANSI sets both colours itself). Default false: dark modules are
    /// drawn with ink, which is right on paper, in documents and on terminals with dark text on a light background.
    /// Terminals with light text on a dark background show that as a negative, which many phone readers refuse; set
    /// this there, or use <see cref="TextStyle.Ansi"/>, which looks the same on any background.
    /// </summary>
    public bool Invert { get; init; }
}
