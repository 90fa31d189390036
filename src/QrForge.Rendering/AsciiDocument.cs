using System.Buffers;
using QrForge.Encoding;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Rendering;

/// <summary>
/// The shell the text-based vector renderers (SVG, EPS) share: each builds its document as ASCII bytes in a
/// <see cref="PooledBuffer"/>, and this hands the bytes to a <see cref="TextWriter"/>, an <see cref="IBufferWriter{T}"/>
/// or a string, checking the arguments the same way for both.
/// </summary>
internal static class AsciiDocument
{
    /// <summary>Writes the whole document for a symbol laid out as <paramref name="layout"/> into <paramref name="buffer"/>.</summary>
    public delegate void Writer(PooledBuffer buffer, RenderOptions options, in RenderLayout layout);

    /// <summary>One document type: how it is written, and the buffer to start with (<c>FixedBytes + modules² · BytesPerModule</c>).</summary>
    public sealed record Kind(int FixedBytes, int BytesPerModule, Writer Write);

    public static void Render(QrCode symbol, RenderOptions options, TextWriter destination, Kind kind)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        using var buffer = Build(symbol, options, kind);
        var chars = ArrayPool<char>.Shared.Rent(buffer.WrittenSpan.Length);
        try
        {
            // Hands the ASCII to the writer without an intermediate string.
            var count = TextEncoding.Latin1.GetChars(buffer.WrittenSpan, chars);
            destination.Write(chars, 0, count);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public static void Render(QrCode symbol, RenderOptions options, IBufferWriter<byte> destination, Kind kind)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(destination);
        using var buffer = Build(symbol, options, kind);
        destination.Write(buffer.WrittenSpan);
    }

    public static string Render(QrCode symbol, RenderOptions? options, Kind kind)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        using var buffer = Build(symbol, options ?? RenderOptions.Default, kind);
        return TextEncoding.Latin1.GetString(buffer.WrittenSpan);
    }

    private static PooledBuffer Build(QrCode symbol, RenderOptions options, Kind kind)
    {
        var layout = RenderLayout.ForVector(symbol, options);
        var buffer = new PooledBuffer(kind.FixedBytes + (symbol.Size * symbol.Size * kind.BytesPerModule));
        try
        {
            kind.Write(buffer, options, layout);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
