using System.Text;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding;

internal static class TextCharsetExtensions
{
    private static readonly TextEncoding Latin1Strict = TextEncoding.GetEncoding("iso-8859-1", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    private static readonly TextEncoding Utf16BEStrict = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly TextEncoding Utf8Plain = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Bytes one UTF-16 char takes in the charset (each half of a surrogate pair counts 2 in UTF-8).</summary>
    public static int ByteCost(this TextCharset charset, char c) => charset switch
    {
        TextCharset.Utf8 => c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsSurrogate(c) ? 2 : 3,
        TextCharset.Latin1 => 1,
        TextCharset.ShiftJis => c < 0x80 ? 1 : 2,
        _ => 2,
    };

    public static TextEncoding GetEncoding(this TextCharset charset) => charset switch
    {
        TextCharset.Utf8 => Utf8Plain,
        TextCharset.Latin1 => Latin1Strict,
        TextCharset.ShiftJis => ShiftJis.CodePage ?? throw new NotSupportedException("Shift JIS is not available on this platform."),
        _ => Utf16BEStrict,
    };

    public static int ByteCount(this TextCharset charset, ReadOnlySpan<char> text) =>
        charset == TextCharset.Latin1 ? text.Length : charset.GetEncoding().GetByteCount(text);

    /// <summary>The charset an ECI assignment number names, or null when QrForge cannot encode text in it.</summary>
    public static TextCharset? FromEci(int eci) => eci switch
    {
        3 or 1 => TextCharset.Latin1,
        20 => TextCharset.ShiftJis,
        25 => TextCharset.Utf16BE,
        26 => TextCharset.Utf8,
        _ => null,
    };
}
