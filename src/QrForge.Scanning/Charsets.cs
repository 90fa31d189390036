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

        return Guess(bytes).GetString(bytes);
    }

    /// <summary>
    /// The charset of byte-mode data without an ECI. ISO/IEC 18004 says ISO-8859-1, but encoders in the field write
    /// UTF-8 and, in Japan, Shift JIS without saying so; readers guess (ZXing's heuristic, restated): UTF-8 when the
    /// bytes are valid UTF-8 and hold a multi-byte sequence; Shift JIS when they are valid Shift JIS holding a run of
    /// three half-width katakana or three double-byte characters, or when they are valid as both and the ISO-8859-1
    /// reading is implausible (two or more, and a tenth of the bytes, being rarely used symbols 0xA0–0xBF, ×, ÷;
    /// or exactly two katakana: a single µ or ° stays ISO-8859-1); ISO-8859-1 when valid; then Shift JIS; UTF-8 (plain ASCII) otherwise.
    /// </summary>
    public static TextEncoding Guess(ReadOnlySpan<byte> bytes)
    {
        var utf8 = System.Text.Unicode.Utf8.IsValid(bytes);
        var multiByte = false;
        var canBeLatin1 = true;
        var canBeShiftJis = true;
        int trailBytes = 0, latin1Rare = 0, katakana = 0;
        int katakanaRun = 0, maxKatakanaRun = 0, doubleRun = 0, maxDoubleRun = 0;
        foreach (var b in bytes)
        {
            multiByte |= b >= 0xC0;

            // ISO-8859-1: 0x7F–0x9F are control codes, never text.
            if (b is >= 0x7F and <= 0x9F)
            {
                canBeLatin1 = false;
            }
            else if (b is (>= 0xA0 and < 0xC0) or 0xD7 or 0xF7)
            {
                latin1Rare++;
            }

            // Shift JIS: lead bytes 0x81–0x9F and 0xE0–0xEF take a trail byte 0x40–0xFC except 0x7F; 0xA1–0xDF are
            // half-width katakana on their own.
            if (!canBeShiftJis)
            {
                continue;
            }

            if (trailBytes > 0)
            {
                if (b < 0x40 || b == 0x7F || b > 0xFC)
                {
                    canBeShiftJis = false;
                }

                trailBytes--;
            }
            else if (b == 0x80 || b == 0xA0 || b > 0xEF)
            {
                canBeShiftJis = false;
            }
            else if (b is > 0xA0 and < 0xE0)
            {
                katakana++;
                doubleRun = 0;
                maxKatakanaRun = Math.Max(maxKatakanaRun, ++katakanaRun);
            }
            else if (b > 0x7F)
            {
                trailBytes++;
                katakanaRun = 0;
                maxDoubleRun = Math.Max(maxDoubleRun, ++doubleRun);
            }
            else
            {
                katakanaRun = doubleRun = 0;
            }
        }

        canBeShiftJis &= trailBytes == 0;
        if (utf8 && multiByte)
        {
            return TextEncoding.UTF8;
        }

        if (canBeShiftJis && (maxKatakanaRun >= 3 || maxDoubleRun >= 3))
        {
            return ForEci(20)!;
        }

        if (canBeLatin1 && canBeShiftJis)
        {
            return (maxKatakanaRun == 2 && katakana == 2) || (latin1Rare >= 2 && latin1Rare * 10 >= bytes.Length) ? ForEci(20)! : TextEncoding.Latin1;
        }

        return canBeLatin1 ? TextEncoding.Latin1 : canBeShiftJis ? ForEci(20)! : TextEncoding.UTF8;
    }
}
