using System.Buffers;

namespace QrForge.Rendering;

/// <summary>Hands ASCII built as bytes to a <see cref="TextWriter"/> without an intermediate string.</summary>
internal static class AsciiText
{
    public static void Write(ReadOnlySpan<byte> ascii, TextWriter destination)
    {
        var chars = ArrayPool<char>.Shared.Rent(ascii.Length);
        try
        {
            var count = System.Text.Encoding.Latin1.GetChars(ascii, chars);
            destination.Write(chars, 0, count);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
