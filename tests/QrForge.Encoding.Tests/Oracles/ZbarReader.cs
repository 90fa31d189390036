using System.Globalization;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>
/// Decodes QR Code images with zbar's <c>zbarimg</c> (zbar-tools 0.23), many images per process.
/// </summary>
/// <remarks>
/// <para><c>--raw</c> prints only the decoded data, which cannot be told apart per file, and zbar's <c>--xml</c>
/// output mangles bytes ≥ 0x80 in its base64 (a sign-extension bug in 0.23.92), so neither alone can batch.
/// Instead every image is followed by a separator image holding <see cref="Separator"/>: the output between two
/// separators is exactly what zbar read from one image (nothing when it found no symbol).</para>
/// <para>Text mode (the default) prints each symbol's data converted to UTF-8 (zbar honours ECI 3, 20 and 26 and
/// otherwise guesses the character set) followed by a newline; binary mode (<c>-Sbinary</c>) prints the data
/// bytes as stored, without a newline. Symbols of a structured append sequence found in one image are joined
/// and printed once; a lone symbol of a sequence is not printed at all.</para>
/// </remarks>
internal sealed class ZbarReader(string executable, string separatorImage)
{
    public const string Separator = "~QRFORGE~ZBAR~BATCH~SEPARATOR~";

    private static readonly byte[] SeparatorBytes = TextEncoding.ASCII.GetBytes(Separator);

    public string Executable { get; } = executable;

    /// <summary>Per image, what zbar decoded from it (UTF-8 text, or raw bytes when <paramref name="binary"/>), or null for nothing.</summary>
    public IReadOnlyList<byte[]?> Decode(IReadOnlyList<string> images, bool binary)
    {
        if (images.Count == 0)
        {
            return [];
        }

        var arguments = BaseArguments(binary);
        foreach (var image in images)
        {
            arguments.Add(image);
            arguments.Add(separatorImage);
        }

        var result = Run(arguments, images.Count);
        return Split(result.Stdout, images.Count, binary) ?? DecodeOneByOne(images, binary);
    }

    private List<byte[]?> DecodeOneByOne(IReadOnlyList<string> images, bool binary)
    {
        // The separator was not read as expected (it is a QrForge symbol too): fall back to one process per image.
        var results = new List<byte[]?>(images.Count);
        foreach (var image in images)
        {
            var arguments = BaseArguments(binary);
            arguments.Add(image);
            var stdout = Run(arguments, 1).Stdout;
            results.Add(stdout.Length == 0 ? null : binary ? stdout : StripFinalNewline(stdout));
        }

        return results;
    }

    private static List<string> BaseArguments(bool binary)
    {
        var arguments = new List<string> { "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable" };
        if (binary)
        {
            arguments.Add("-Sbinary");
        }

        return arguments;
    }

    private ToolResult Run(List<string> arguments, int images)
    {
        var result = ToolProcess.Run(Executable, arguments, TimeSpan.FromSeconds(60 + 2 * images));
        // 0: symbols found in every image; 4: some image had none. Anything else is a usage or I/O error.
        if (result.ExitCode is not (0 or 4))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"zbarimg failed with exit code {result.ExitCode}: {Tail(result.Stderr)}"));
        }

        return result;
    }

    /// <summary>Splits output of n images each followed by the separator; null when the separators do not line up.</summary>
    private static List<byte[]?>? Split(byte[] output, int count, bool binary)
    {
        var results = new List<byte[]?>(count);
        var span = output.AsSpan();
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var at = span[start..].IndexOf(SeparatorBytes);
            if (at < 0)
            {
                return null;
            }

            var piece = span.Slice(start, at);
            if (!binary && i > 0)
            {
                // The previous separator's own newline.
                if (piece.IsEmpty || piece[0] != (byte)'\n')
                {
                    return null;
                }

                piece = piece[1..];
            }

            if (piece.IsEmpty)
            {
                results.Add(null);
            }
            else if (binary)
            {
                results.Add(piece.ToArray());
            }
            else
            {
                if (piece[^1] != (byte)'\n')
                {
                    return null;
                }

                results.Add(piece[..^1].ToArray());
            }

            start += at + SeparatorBytes.Length;
        }

        var rest = span[start..];
        return rest.SequenceEqual(binary ? ""u8 : "\n"u8) ? results : null;
    }

    private static byte[] StripFinalNewline(byte[] data) =>
        data.Length > 0 && data[^1] == (byte)'\n' ? data[..^1] : data;

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
