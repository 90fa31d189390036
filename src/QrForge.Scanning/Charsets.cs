using System.Text;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Scanning;

/// <summary>
/// Character sets named by ECI assignment numbers (AIM ECI specification, the numbers in use for QR Code) and the
/// guess for data without an ECI. Code page encodings come from <see cref="CodePagesEncodingProvider"/>.
/// </summary>
internal static class Charsets
{
    static Charsets() => TextEncoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding ECI <paramref name="eci"/> names, or null for numbers this reader does not know.</summary>
    public static TextEncoding? ForEci(int eci)
    {
        var name = eci switch
        {
            0 or 2 => "IBM437",
            1 or 3 => "ISO-8859-1",
            >= 4 and <= 13 => "ISO-8859-" + (eci - 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 15 and <= 18 => "ISO-8859-" + (eci - 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            20 => "shift_jis",
            21 => "windows-1250",
            22 => "windows-1251",
            23 => "windows-1252",
            24 => "windows-1256",
            25 => "utf-16BE",
            26 => "utf-8",
            27 or 170 => "us-ascii",
            28 => "big5",
            29 => "GB18030",
            30 => "EUC-KR",
            _ => null,
        };

        if (name is null)
        {
            return null;
        }

        try
        {
            return TextEncoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static string Decode(byte[] bytes, int? eci, bool kanji)
    {
        if (kanji)
        {
            return ForEci(20)!.GetString(bytes);
        }

        if (eci is { } number && ForEci(number) is { } encoding)
        {
            return encoding.GetString(bytes);
        }

        return System.Text.Unicode.Utf8.IsValid(bytes) ? TextEncoding.UTF8.GetString(bytes) : TextEncoding.Latin1.GetString(bytes);
    }
}
