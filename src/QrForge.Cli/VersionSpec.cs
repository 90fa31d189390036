namespace QrForge.Cli;

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
