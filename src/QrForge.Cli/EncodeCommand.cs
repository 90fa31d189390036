using System.CommandLine;
using System.Globalization;
using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Cli;

/// <summary>
/// <c>qrforge encode [TEXT]</c>: encodes text or bytes as a QR Code or Micro QR symbol and writes it to a file
/// (PNG, SVG, PDF, EPS, text) or draws it in the terminal. See docs/cli.md. The options live in
/// <see cref="EncodeOptions"/>, the data source in <see cref="EncodeInput"/>, the files and terminal drawing in
/// <see cref="EncodeOutput"/>.
/// </summary>
internal static class EncodeCommand
{
    /// <summary>Builds the <c>encode</c> command; its action runs <see cref="Run"/> on <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var text = new Argument<string?>("TEXT")
        {
            Description = "The text to encode. Without TEXT or --input, text is read from standard input when it is redirected.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var input = CliOptions.Text("--input", "FILE|-", "Encode the raw bytes of FILE (- for standard input) in byte mode.");
        var output = CliOptions.Text("--output", "FILE", "Write to FILE; the format follows the extension (.png .svg .pdf .eps .txt). Without it the code is drawn in the terminal.", "-o");
        var format = EncodeOptions.FormatOption();
        var ecc = EncodeOptions.EccOption();
        var version = EncodeOptions.VersionOption("--version", "Force the version: 1-40, or M1-M4 (or 1-4 with --micro) for Micro QR.");
        var minVersion = EncodeOptions.VersionOption("--min-version", "Smallest version allowed. [default: 1]");
        var maxVersion = EncodeOptions.VersionOption("--max-version", "Largest version allowed. [default: 40, M4 for Micro QR]");
        var mask = CliOptions.Integer("--mask", 0, 7, "Force the mask pattern: 0-7 (0-3 for Micro QR). [default: the best by the penalty rules]");
        var mode = EncodeOptions.ModeOption();
        var eci = EncodeOptions.EciOption();
        var micro = CliOptions.Flag("--micro", "Make a Micro QR symbol (M1-M4).");
        var boostEcc = CliOptions.Flag("--boost-ecc", "Raise the error correction level as far as the version allows without growing.");
        var gs1 = CliOptions.Flag("--gs1", "Mark the data as GS1 (FNC1 in first position).");
        var split = EncodeOptions.SplitOption();
        var scale = CliOptions.Integer("--scale", 1, 1000, "Pixels (points for vector formats) per module. [default: 10]");
        var size = EncodeOptions.SizeOption();
        var border = CliOptions.Integer("--border", 0, 1000, "Quiet zone in modules. [default: 4, 2 for Micro QR]");
        var dark = EncodeOptions.ColourOption("--dark", "Colour of dark modules. [default: 000000]");
        var light = EncodeOptions.ColourOption("--light", "Colour of light modules and the quiet zone. [default: FFFFFF]");
        var shape = EncodeOptions.ShapeOption();
        var info = CliOptions.Flag("--info", "Print the symbol's version, error correction, mask, size and segments as JSON. Without --output, only the JSON is printed.");

        var command = new Command("encode", "Encode text or bytes as a QR code.")
        {
            text, input, output, format, ecc, version, minVersion, maxVersion, mask, mode, eci, micro, boostEcc, gs1,
            split, scale, size, border, dark, light, shape, info,
        };
        command.SetAction(r => Run(
            new EncodeArguments
            {
                Text = r.GetValue(text),
                InputPath = r.GetValue(input),
                OutputPath = r.GetValue(output),
                Format = r.GetValue(format),
                Ecc = r.GetValue(ecc) ?? Ecc.M,
                Version = r.GetValue(version),
                MinVersion = r.GetValue(minVersion),
                MaxVersion = r.GetValue(maxVersion),
                Mask = r.GetValue(mask),
                Mode = EncodeOptions.ModeValue(r.GetValue(mode)),
                Eci = r.GetValue(eci),
                Micro = r.GetValue(micro),
                BoostEcc = r.GetValue(boostEcc),
                Gs1 = r.GetValue(gs1),
                Split = r.GetValue(split),
                Scale = r.GetValue(scale),
                Size = r.GetValue(size),
                Border = r.GetValue(border),
                Dark = r.GetValue(dark),
                Light = r.GetValue(light),
                Shape = r.GetValue(shape),
                Info = r.GetValue(info),
            },
            console));
        return command;
    }

    /// <summary>
    /// Encodes and writes as <paramref name="arguments"/> ask. Returns the exit code; bad combinations of
    /// arguments throw <see cref="CliUsageException"/>, which <see cref="CliApp.Run"/> reports.
    /// </summary>
    public static int Run(EncodeArguments arguments, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(console);

        // Check every argument before reading any data or writing anything.
        var options = EncodeOptions.ToEncodeOptions(arguments);
        var format = EncodeOptions.ToFormat(arguments);
        var render = EncodeOptions.ToRenderOptions(arguments);
        var payload = EncodeInput.Read(arguments, console);
        if (payload is null)
        {
            return CliApp.Fail(console, ExitCodes.DataTooLong, $"data too long: the input holds more than {EncodeInput.MaxInputBytes} bytes");
        }

        IReadOnlyList<QrCode> symbols;
        try
        {
            symbols = arguments.Split is int count ? EncodeSplit(payload.Value, count, options) : [Encode(payload.Value, options)];
        }
        catch (DataTooLongException e)
        {
            return CliApp.Fail(console, ExitCodes.DataTooLong, DataTooLongMessage(e));
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(EncoderProblem(e, arguments), e);
        }

        var split = arguments.Split is not null;
        if (arguments.OutputPath is string outputPath)
        {
            if (EncodeOutput.WriteFiles(symbols, outputPath, split, format, render) is string problem)
            {
                return CliApp.Fail(console, ExitCodes.Failure, problem);
            }

            if (arguments.Size is int size && format.TextStyle is null && EncodeOutput.SizeNote(symbols[0], size, arguments.Border) is string note)
            {
                console.Error.WriteLine(CliApp.ErrorPrefix + note);
            }
        }

        if (arguments.Info)
        {
            SymbolInfoJson.Write(symbols, asArray: split, console.Out);
        }
        else if (arguments.OutputPath is null)
        {
            // Without a --format, a terminal that takes colours gets ANSI: it reads the same on dark and light themes.
            var drawn = arguments.Format is null && console.TerminalColours ? OutputFormat.Ansi : format;
            try
            {
                EncodeOutput.DrawInTerminal(symbols, drawn, split, arguments.Border, console.Out);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliUsageException(EncodeOutput.RenderProblem(e), e);
            }
        }

        console.Out.Flush();
        return ExitCodes.Success;
    }

    // ---- Encoding --------------------------------------------------------------------------------------------

    private static QrCode Encode(EncodePayload payload, QrEncodeOptions options) =>
        payload.Bytes is not null ? QrCode.EncodeBinary(payload.Bytes, options) : QrCode.EncodeText(payload.Text!, options);

    private static IReadOnlyList<QrCode> EncodeSplit(EncodePayload payload, int count, QrEncodeOptions options) =>
        payload.Bytes is not null
            ? QrCode.EncodeStructuredAppend(payload.Bytes, count, options)
            : QrCode.EncodeStructuredAppend(payload.Text!, count, options);

    private static string DataTooLongMessage(DataTooLongException e)
    {
        if (e.MaxVersion == 0)
        {
            return "data too long: " + e.Message;
        }

        var symbol = (e.IsMicro ? "M" : "") + e.MaxVersion.ToString(CultureInfo.InvariantCulture) + "-" + e.Ecc;
        return e.RequiredBits < 0
            ? $"data too long: a segment's character count does not fit version {symbol}"
            : $"data too long: needs {e.RequiredBits} bits, version {symbol} holds {e.AvailableBits}";
    }

    /// <summary>An encoder refusal (a forced mode or ECI that cannot hold the text, an ECC level Micro QR lacks), naming the option.</summary>
    private static string EncoderProblem(ArgumentException e, EncodeArguments a)
    {
        var option = e.ParamName switch
        {
            "Ecc" => "--ecc",
            "MinVersion" => a.Version is null ? "--min-version" : "--version",
            "MaxVersion" => a.Version is null ? "--max-version" : "--version",
            "Mask" => "--mask",
            "Mode" => "--mode",
            "Eci" => "--eci",
            "Fnc1" or "ApplicationIndicator" => "--gs1",
            "symbolCount" => "--split",
            "text" when a.Eci is not null && e.Message.Contains("ECI", StringComparison.Ordinal) => "--eci",
            "text" when a.Mode is not null => "--mode",
            _ => a.InputPath is null ? "TEXT" : "--input",
        };

        // ArgumentException.Message appends " (Parameter 'x')" and, for out-of-range values, the actual value.
        var message = e.Message.ReplaceLineEndings("\n").Split('\n')[0];
        var suffix = $" (Parameter '{e.ParamName}')";
        if (e.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal))
        {
            message = message[..^suffix.Length];
        }

        return $"{option}: {message.TrimEnd('.')}";
    }
}
