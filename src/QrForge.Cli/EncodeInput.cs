using System.Text;

namespace QrForge.Cli;

/// <summary>
/// Where <c>qrforge encode</c> gets its data: the TEXT argument, a file or standard input as raw bytes (--input), or
/// text piped to standard input. Standard input that is empty is refused rather than encoded as an empty symbol.
/// </summary>
internal static class EncodeInput
{
    /// <summary>The most bytes read from --input or standard input; far above what 16 version-40 symbols hold.</summary>
    public const int MaxInputBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the one data source; null when it is longer than <see cref="MaxInputBytes"/>.</summary>
    /// <exception cref="CliUsageException">There is no data, it is unreadable, or standard input is empty.</exception>
    public static EncodePayload? Read(EncodeArguments a, CliConsole console)
    {
        if (a.Text is not null)
        {
            return new EncodePayload(a.Text, null);
        }

        if (a.InputPath == "-")
        {
            var stdin = console.In ?? throw new CliUsageException("--input -: standard input is a terminal; pipe the data in or give --input FILE");
            var bytes = ReadCapped(stdin);
            if (bytes is { Length: 0 })
            {
                throw new CliUsageException("--input -: standard input is empty: pipe the data in, or give TEXT");
            }

            return bytes is null ? null : new EncodePayload(null, bytes);
        }

        if (a.InputPath is not null)
        {
            try
            {
                using var file = new FileStream(a.InputPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                var bytes = ReadCapped(file);
                return bytes is null ? null : new EncodePayload(null, bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"--input: cannot read '{a.InputPath}': {e.Message}", e);
            }
        }

        if (console.In is null)
        {
            throw new CliUsageException("no data: give TEXT or --input FILE, or pipe text to standard input (see 'qrforge encode --help')");
        }

        var data = ReadCapped(console.In);
        if (data is null)
        {
            return null;
        }

        string text;
        try
        {
            text = TrimOneLineEnd(StrictUtf8.GetString(data));
        }
        catch (DecoderFallbackException e)
        {
            throw new CliUsageException("standard input is not UTF-8 text: use --input - to encode raw bytes", e);
        }

        if (text.Length == 0)
        {
            // Usually a mistake (an empty variable, a command that printed nothing); an empty symbol is still TEXT "".
            throw new CliUsageException("no data: standard input is empty; give TEXT (\"\" for an empty symbol) or pipe text in");
        }

        return new EncodePayload(text, null);
    }

    /// <summary>All of <paramref name="source"/>, or null when it holds more than <see cref="MaxInputBytes"/>.</summary>
    private static byte[]? ReadCapped(Stream source)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // "echo hello | qrforge encode" encodes "hello": the line end the shell adds is not part of the text.
    private static string TrimOneLineEnd(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
        : text.EndsWith('\n') ? text[..^1]
        : text;
}
