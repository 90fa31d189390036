namespace QrForge.Rendering;

/// <summary>An sRGB colour with alpha (255 = opaque). Parsed from <c>RRGGBB</c> or <c>RRGGBBAA</c> hex, with or without <c>#</c>.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque black.</summary>
    public static Rgba Black => new(0, 0, 0);

    /// <summary>Opaque white.</summary>
    public static Rgba White => new(255, 255, 255);

    /// <summary>Fully transparent.</summary>
    public static Rgba Transparent => new(0, 0, 0, 0);

    /// <summary>Parses <c>RRGGBB</c> or <c>RRGGBBAA</c> (optional leading <c>#</c>).</summary>
    /// <exception cref="FormatException">The text is not such a colour.</exception>
    public static Rgba Parse(string text) => TryParse(text, out var c) ? c : throw new FormatException($"'{text}' is not a colour: use RRGGBB or RRGGBBAA hex.");

    /// <summary>Parses <c>RRGGBB</c> or <c>RRGGBBAA</c> (optional leading <c>#</c>); false for anything else.</summary>
    public static bool TryParse(string? text, out Rgba color) => throw new NotImplementedException();

    /// <summary><c>RRGGBB</c>, or <c>RRGGBBAA</c> when not opaque, upper-case hex.</summary>
    public override string ToString() => throw new NotImplementedException();
}
