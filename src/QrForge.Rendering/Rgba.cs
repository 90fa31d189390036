using System.Diagnostics.CodeAnalysis;

namespace QrForge.Rendering;

/// <summary>An sRGB colour with alpha (255 = opaque). Parsed from <c>RRGGBB</c> or <c>RRGGBBAA</c> hex, with or without <c>#</c>.</summary>
/// <remarks>Every value of the four bytes is a valid colour, so renderers can emit any <see cref="Rgba"/> without escaping.
/// An immutable value; thread-safe.</remarks>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
/// <param name="A">Alpha, 0 (fully transparent) to 255 (opaque, the default).</param>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque black.</summary>
    public static Rgba Black => new(0, 0, 0);

    /// <summary>Opaque white.</summary>
    public static Rgba White => new(255, 255, 255);

    /// <summary>Fully transparent.</summary>
    public static Rgba Transparent => new(0, 0, 0, 0);

    /// <summary>Whether <see cref="A"/> is 255.</summary>
    public bool IsOpaque => A == 255;

    /// <summary>Parses <c>RRGGBB</c> or <c>RRGGBBAA</c> (optional leading <c>#</c>, hex digits in either case).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not such a colour.</exception>
    public static Rgba Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var c) ? c : throw new FormatException($"'{text}' is not a colour: use RRGGBB or RRGGBBAA hex.");
    }

    /// <summary>
    /// Parses <c>RRGGBB</c> or <c>RRGGBBAA</c> (optional leading <c>#</c>, hex digits in either case); false for anything
    /// else, including null, white space, signs and the three-digit form.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Rgba color)
    {
        color = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan();
        if (s.Length > 0 && s[0] == '#')
        {
            s = s[1..];
        }

        if (s.Length != 6 && s.Length != 8)
        {
            return false;
        }

        Span<byte> v = stackalloc byte[4];
        v[3] = 255;
        for (var i = 0; i < s.Length; i += 2)
        {
            var hi = HexValue(s[i]);
            var lo = HexValue(s[i + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            v[i >> 1] = (byte)((hi << 4) | lo);
        }

        color = new Rgba(v[0], v[1], v[2], v[3]);
        return true;
    }

    /// <summary><c>RRGGBB</c>, or <c>RRGGBBAA</c> when not opaque, upper-case hex, without <c>#</c>.</summary>
    public override string ToString() => IsOpaque
        ? string.Create(6, this, static (span, c) => c.FormatHex(span))
        : string.Create(8, this, static (span, c) => c.FormatHex(span));

    /// <summary>Writes <c>RRGGBB</c> (and <c>AA</c> when the span has room for 8 characters) in upper-case hex.</summary>
    internal void FormatHex(Span<char> destination)
    {
        ReadOnlySpan<char> digits = "0123456789ABCDEF";
        destination[0] = digits[R >> 4];
        destination[1] = digits[R & 15];
        destination[2] = digits[G >> 4];
        destination[3] = digits[G & 15];
        destination[4] = digits[B >> 4];
        destination[5] = digits[B & 15];
        if (destination.Length >= 8)
        {
            destination[6] = digits[A >> 4];
            destination[7] = digits[A & 15];
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
