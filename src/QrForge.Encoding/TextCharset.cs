namespace QrForge.Encoding;

/// <summary>The character set byte-mode text is written in.</summary>
internal enum TextCharset
{
    Utf8,
    Latin1,
    ShiftJis,
    Utf16BE,
}
