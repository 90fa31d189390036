using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using QrForge.Scanning;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Cli;

/// <summary>
/// <c>qrforge decode FILE...</c>: reads QR Code and Micro QR symbols from image files (PNG, JPEG, WebP, GIF, BMP;
/// <c>-</c> for standard input) and prints the text of each symbol, one per line, or everything about them as JSON.
/// Exit code 0 when at least one symbol was read, 1 when none was, 2 when a file cannot be opened.
/// </summary>
internal static class DecodeCommand
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the <c>decode</c> command; its action runs <see cref="Run"/> on <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Image files to read (- for standard input).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = CliOptions.Flag("--json", "Print every symbol as JSON: text, bytes, version, error correction, mask, ECI, FNC1, corners, corrections, structured append.");
        var join = CliOptions.Flag("--join", "Join structured append sequences (across all files) and print each message once.");
        var command = new Command("decode", "Read QR codes from images.") { files, json, join };
        command.SetAction(r => Run(r.GetValue(files) ?? [], r.GetValue(json), r.GetValue(join), console));
        return command;
    }

    /// <summary>Reads every file and prints what it holds. Returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> files, bool json, bool join, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(console);
        var found = new List<(string File, QrSymbol Symbol)>();
        foreach (var file in files)
        {
            ScanResult result;
            try
            {
                if (file == "-")
                {
                    result = console.In is { } stdin ? Scanner.Read(stdin) : throw new CliUsageException("'-' reads standard input, which is a terminal");
                }
                else
                {
                    using var stream = File.OpenRead(file);
                    result = Scanner.Read(stream);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var problem = e switch
                {
                    FileNotFoundException or DirectoryNotFoundException => "no such file",
                    UnauthorizedAccessException => "permission denied",
                    _ => e.Message,
                };
                return CliApp.Fail(console, ExitCodes.Usage, $"cannot read '{file}': {problem}");
            }

            if (result.IsSuccess)
            {
                found.AddRange(result.Symbols.Select(s => (file, s)));
            }
            else
            {
                console.Error.WriteLine($"{CliApp.ErrorPrefix}{file}: {result.Error}");
            }
        }

        if (found.Count == 0)
        {
            console.Error.Flush();
            return ExitCodes.Failure;
        }

        if (join)
        {
            var messages = Scanner.Join(found.Select(f => f.Symbol));
            if (json)
            {
                WriteJson(console.Out, w => WriteMessages(w, messages));
            }
            else
            {
                foreach (var message in messages)
                {
                    console.Out.WriteLine(message.Text);
                }
            }
        }
        else if (json)
        {
            WriteJson(console.Out, w =>
            {
                w.WriteStartArray();
                foreach (var (file, symbol) in found)
                {
                    WriteSymbol(w, file, symbol);
                }

                w.WriteEndArray();
            });
        }
        else
        {
            foreach (var (_, symbol) in found)
            {
                console.Out.WriteLine(symbol.Text);
            }
        }

        console.Out.Flush();
        console.Error.Flush();
        return ExitCodes.Success;
    }

    private static void WriteJson(TextWriter destination, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        destination.WriteLine(TextEncoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteMessages(Utf8JsonWriter w, IReadOnlyList<QrMessage> messages)
    {
        w.WriteStartArray();
        foreach (var message in messages)
        {
            w.WriteStartObject();
            w.WriteString("text", message.Text);
            w.WriteBase64String("data", message.Data.Span);
            w.WriteNumber("symbols", message.Symbols.Count);
            w.WriteBoolean("complete", message.IsComplete);
            w.WriteBoolean("parity_matches", message.ParityMatches);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>One symbol as snake_case JSON; <c>data</c> is the payload in base64.</summary>
    private static void WriteSymbol(Utf8JsonWriter w, string file, QrSymbol symbol)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("text", symbol.Text);
        w.WriteBase64String("data", symbol.Data.Span);
        w.WriteNumber("version", symbol.Version);
        w.WriteString("version_name", (symbol.IsMicro ? "M" : "") + symbol.Version.ToString(CultureInfo.InvariantCulture));
        w.WriteBoolean("micro", symbol.IsMicro);
        w.WriteString("ecc", symbol.Ecc.ToString());
        w.WriteNumber("mask", symbol.Mask);
        if (symbol.Eci is int eci)
        {
            w.WriteNumber("eci", eci);
        }
        else
        {
            w.WriteNull("eci");
        }

        w.WriteString("fnc1", symbol.Fnc1 switch
        {
            QrForge.Encoding.QrFnc1.First => "first",
            QrForge.Encoding.QrFnc1.Second => "second",
            _ => "none",
        });
        w.WriteString("application_indicator", symbol.ApplicationIndicator);
        w.WriteStartArray("corners");
        foreach (var corner in symbol.Corners)
        {
            w.WriteStartArray();
            w.WriteNumberValue(Math.Round(corner.X, 2));
            w.WriteNumberValue(Math.Round(corner.Y, 2));
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteNumber("corrected_codewords", symbol.CorrectedCodewords);
        w.WriteBoolean("mirrored", symbol.IsMirrored);
        w.WriteBoolean("inverted", symbol.IsInverted);
        if (symbol.StructuredAppend is { } sa)
        {
            w.WriteStartObject("structured_append");
            w.WriteNumber("position", sa.Position);
            w.WriteNumber("count", sa.Count);
            w.WriteNumber("parity", sa.Parity);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("structured_append");
        }

        w.WriteEndObject();
    }
}
