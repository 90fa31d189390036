using System.CommandLine;
using System.Globalization;
using System.Text;
using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Cli;

/// <summary>
/// <c>qrforge encode [TEXT]</c>: encodes text or bytes as a QR Code or Micro QR symbol and writes it to a file
/// (PNG, SVG, PDF, EPS, text) or draws it in the terminal. See docs/cli.md.
/// </summary>
internal static class EncodeCommand
{
    /// <summary>The most bytes read from --input or standard input; far above what 16 version-40 symbols hold.</summary>
    public const int MaxInputBytes = 1 << 20;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, OutputFormat> FormatNames = CliOptions.Names(
        ("png", OutputFormat.Png), ("svg", OutputFormat.Svg), ("pdf", OutputFormat.Pdf),
        ("eps", OutputFormat.Eps), ("txt", OutputFormat.Txt), ("ansi", OutputFormat.Ansi));

    private static readonly Dictionary<string, Ecc> EccNames = CliOptions.Names(
        ("L", Ecc.L), ("M", Ecc.M), ("Q", Ecc.Q), ("H", Ecc.H));

    // "auto" maps to a sentinel that Create turns back into null (no forced mode).
    private const QrMode AutoMode = (QrMode)(-1);

    private static readonly Dictionary<string, QrMode> ModeNames = CliOptions.Names(
        ("auto", AutoMode), ("numeric", QrMode.Numeric), ("alphanumeric", QrMode.Alphanumeric),
        ("byte", QrMode.Byte), ("kanji", QrMode.Kanji));

    private static readonly Dictionary<string, ModuleShape> ShapeNames = CliOptions.Names(
        ("square", ModuleShape.Square), ("circle", ModuleShape.Circle), ("rounded", ModuleShape.Rounded));

    // ECI assignment numbers (AIM ECI specification) for the character sets the encoder can write text in.
    private static readonly Dictionary<string, int> EciNames = CliOptions.Names(
        ("latin1", 3), ("iso-8859-1", 3), ("iso8859-1", 3),
        ("sjis", 20), ("shift_jis", 20), ("shift-jis", 20),
        ("utf16be", 25), ("utf-16be", 25),
        ("utf8", 26), ("utf-8", 26));

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
        var format = CliOptions.Choice("--format", FormatNames, "Output format, overriding the extension of --output.");
        var ecc = CliOptions.Choice("--ecc", EccNames, "Error correction level. [default: M]");
        var version = VersionOption("--version", "Force the version: 1-40, or M1-M4 (or 1-4 with --micro) for Micro QR.");
        var minVersion = VersionOption("--min-version", "Smallest version allowed. [default: 1]");
        var maxVersion = VersionOption("--max-version", "Largest version allowed. [default: 40, M4 for Micro QR]");
        var mask = CliOptions.Integer("--mask", 0, 7, "Force the mask pattern: 0-7 (0-3 for Micro QR). [default: the best by the penalty rules]");
        var mode = CliOptions.Choice("--mode", ModeNames, "Force the encoding mode of text. [default: auto, the shortest mix]");
        var eci = EciOption();
        var micro = CliOptions.Flag("--micro", "Make a Micro QR symbol (M1-M4).");
        var boostEcc = CliOptions.Flag("--boost-ecc", "Raise the error correction level as far as the version allows without growing.");
        var gs1 = CliOptions.Flag("--gs1", "Mark the data as GS1 (FNC1 in first position).");
        var split = SplitOption();
        var scale = CliOptions.Integer("--scale", 1, 1000, "Pixels (points for vector formats) per module. [default: 10]");
        var size = CliOptions.Integer("--size", 1, 100_000, "Image width in pixels, quiet zone included; instead of --scale.");
        var border = CliOptions.Integer("--border", 0, 1000, "Quiet zone in modules. [default: 4, 2 for Micro QR]");
        var dark = ColourOption("--dark", "Colour of dark modules. [default: 000000]");
        var light = ColourOption("--light", "Colour of light modules and the quiet zone. [default: FFFFFF]");
        var shape = CliOptions.Choice("--shape", ShapeNames, "Shape of dark modules. [default: square]");
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
                Mode = r.GetValue(mode) is QrMode m && m != AutoMode ? m : null,
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
        var options = BuildEncodeOptions(arguments);
        var format = ResolveFormat(arguments);
        var render = BuildRenderOptions(arguments);
        var payload = ReadPayload(arguments, console);
        if (payload is null)
        {
            return CliApp.Fail(console, ExitCodes.DataTooLong, $"data too long: the input holds more than {MaxInputBytes} bytes");
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

        if (arguments.OutputPath is string outputPath)
        {
            var files = new List<(string, Action<Stream>)>(symbols.Count);
            for (var i = 0; i < symbols.Count; i++)
            {
                var symbol = symbols[i];
                var path = arguments.Split is null ? outputPath : SplitPath(outputPath, i + 1);
                files.Add((path, stream => WriteFile(symbol, format, render, arguments.Border, stream)));
            }

            try
            {
                AtomicFile.WriteAll(files);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The exception names the temporary file; name the file the user asked for instead.
                var problem = e switch
                {
                    DirectoryNotFoundException => "its directory does not exist",
                    UnauthorizedAccessException => "permission denied",
                    _ => e.Message,
                };
                return CliApp.Fail(console, ExitCodes.Failure, $"cannot write '{outputPath}': {problem}");
            }
        }

        if (arguments.Info)
        {
            SymbolInfoJson.Write(symbols, asArray: arguments.Split is not null, console.Out);
        }
        else if (arguments.OutputPath is null)
        {
            DrawInTerminal(symbols, format, arguments, console.Out);
        }

        console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>The file for symbol <paramref name="number"/> (1-based) of a split: <c>dir/name-3.png</c> for <c>dir/name.png</c>.</summary>
    public static string SplitPath(string outputPath, int number)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        var directory = Path.GetDirectoryName(outputPath) ?? "";
        var name = $"{Path.GetFileNameWithoutExtension(outputPath)}-{number.ToString(CultureInfo.InvariantCulture)}{Path.GetExtension(outputPath)}";
        return directory.Length == 0 ? name : Path.Combine(directory, name);
    }

    // ---- Options ---------------------------------------------------------------------------------------------

    private static Option<VersionSpec?> VersionOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N|MN",
        CustomParser = r =>
        {
            var spec = VersionSpec.Parse(CliOptions.Single(r), out var error);
            if (error is not null)
            {
                r.AddError($"{name}: {error}");
            }

            return spec;
        },
    };

    private static Option<int?> SplitOption() => new("--split")
    {
        Description = "Split the data over N structured-append symbols (1-16, or auto for the fewest that hold it), written as NAME-1.EXT ... NAME-N.EXT.",
        HelpName = "N|auto",
        // 0 asks the encoder for the fewest symbols that hold the data.
        CustomParser = r => string.Equals(CliOptions.Single(r), "auto", StringComparison.OrdinalIgnoreCase)
            ? 0
            : CliOptions.ParseInteger(r, "--split", 1, 16),
    };

    private static Option<int?> EciOption() => new("--eci")
    {
        Description = "Write an ECI designator: utf8 (26), latin1 or iso-8859-1 (3), sjis or shift_jis (20), utf16be (25), or a number 0-999999. Text is encoded in that character set.",
        HelpName = "NAME|N",
        CustomParser = r =>
        {
            var text = CliOptions.Single(r);
            if (EciNames.TryGetValue(text, out var number))
            {
                return number;
            }

            if (text.Length > 0 && char.IsAsciiDigit(text[0]))
            {
                return CliOptions.ParseInteger(r, "--eci", 0, 999_999);
            }

            r.AddError($"--eci: '{text}' is not a character set name (utf8, latin1, sjis, utf16be) or a number 0-999999");
            return null;
        },
    };

    private static Option<Rgba?> ColourOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "RRGGBB[AA]",
        CustomParser = r =>
        {
            var text = CliOptions.Single(r);
            if (Rgba.TryParse(text, out var colour))
            {
                return colour;
            }

            r.AddError($"{name}: '{text}' is not a colour: use RRGGBB or RRGGBBAA hex");
            return null;
        },
    };

    // ---- Checking the arguments ------------------------------------------------------------------------------

    private static QrEncodeOptions BuildEncodeOptions(EncodeArguments a)
    {
        if (a.Text is not null && a.InputPath is not null)
        {
            throw new CliUsageException("TEXT and --input cannot be used together: give one data source");
        }

        if (a.Version is not null && (a.MinVersion is not null || a.MaxVersion is not null))
        {
            throw new CliUsageException("--version cannot be combined with --min-version or --max-version");
        }

        // An M-prefixed version asks for Micro QR as --micro does; a plain 1-4 with --micro means M1-M4.
        var micro = a.Micro || a.Version?.Micro == true || a.MinVersion?.Micro == true || a.MaxVersion?.Micro == true;
        var top = micro ? 4 : 40;
        var min = CheckVersion("--version", a.Version, micro) ?? CheckVersion("--min-version", a.MinVersion, micro) ?? 1;
        var max = CheckVersion("--version", a.Version, micro) ?? CheckVersion("--max-version", a.MaxVersion, micro) ?? top;
        if (min > max)
        {
            throw new CliUsageException($"--min-version {a.MinVersion} is above --max-version {a.MaxVersion}");
        }

        if (micro)
        {
            if (a.Mask > 3)
            {
                throw new CliUsageException($"--mask: {a.Mask} is out of range 0-3 for Micro QR");
            }

            if (a.Eci is not null)
            {
                throw new CliUsageException("--eci: Micro QR symbols cannot hold an ECI designator");
            }

            if (a.Gs1)
            {
                throw new CliUsageException("--gs1: Micro QR symbols cannot hold FNC1");
            }

            if (a.Split is not null)
            {
                throw new CliUsageException("--split: Micro QR symbols have no structured append");
            }
        }

        if (a.InputPath is not null && a.Mode is not null and not QrMode.Byte)
        {
            throw new CliUsageException($"--mode {SymbolInfoJson.ModeName(a.Mode.Value)}: --input data is raw bytes, always encoded in byte mode");
        }

        return new QrEncodeOptions
        {
            Ecc = a.Ecc,
            MinVersion = min,
            MaxVersion = max,
            Mask = a.Mask,
            BoostEcc = a.BoostEcc,
            Micro = micro,
            Mode = a.Mode,
            Eci = a.Eci,
            Fnc1 = a.Gs1 ? QrFnc1.First : QrFnc1.None,
        };
    }

    private static int? CheckVersion(string name, VersionSpec? spec, bool micro)
    {
        if (spec is not VersionSpec v)
        {
            return null;
        }

        if (micro && v.Number > 4)
        {
            throw new CliUsageException($"{name}: {v.Number} is out of range for Micro QR: use 1-4 or M1-M4");
        }

        return v.Number;
    }

    private static OutputFormat ResolveFormat(EncodeArguments a)
    {
        if (a.OutputPath is null)
        {
            var format = a.Format ?? OutputFormat.Txt;
            if (format is not (OutputFormat.Txt or OutputFormat.Ansi))
            {
                throw new CliUsageException($"--format {format.ToString().ToLowerInvariant()} needs --output FILE: only txt and ansi are drawn in the terminal");
            }

            return format;
        }

        if (a.OutputPath.Length == 0 || a.OutputPath == "-")
        {
            throw new CliUsageException($"--output: '{a.OutputPath}' is not a file name");
        }

        if (a.Format is OutputFormat given)
        {
            return given;
        }

        var extension = Path.GetExtension(a.OutputPath).TrimStart('.');
        if (extension.Length > 0 && FormatNames.TryGetValue(extension, out var byExtension) && byExtension != OutputFormat.Ansi)
        {
            return byExtension;
        }

        throw new CliUsageException($"--output: cannot tell the format of '{a.OutputPath}': use .png, .svg, .pdf, .eps or .txt, or give --format");
    }

    private static RenderOptions BuildRenderOptions(EncodeArguments a)
    {
        if (a.Scale is not null && a.Size is not null)
        {
            throw new CliUsageException("--scale and --size cannot be used together");
        }

        return new RenderOptions
        {
            Scale = a.Scale ?? RenderOptions.Default.Scale,
            SizePixels = a.Size,
            Border = a.Border,
            Dark = a.Dark ?? RenderOptions.Default.Dark,
            Light = a.Light ?? RenderOptions.Default.Light,
            Shape = a.Shape ?? ModuleShape.Square,
        };
    }

    // ---- Data ------------------------------------------------------------------------------------------------

    /// <summary>The data to encode: text, or raw bytes from --input.</summary>
    private readonly record struct Payload(string? Text, byte[]? Bytes);

    /// <summary>Reads the one data source; null when it is longer than <see cref="MaxInputBytes"/>.</summary>
    private static Payload? ReadPayload(EncodeArguments a, CliConsole console)
    {
        if (a.Text is not null)
        {
            return new Payload(a.Text, null);
        }

        if (a.InputPath == "-")
        {
            var stdin = console.In ?? throw new CliUsageException("--input -: standard input is a terminal; pipe the data in or give --input FILE");
            var bytes = ReadCapped(stdin);
            return bytes is null ? null : new Payload(null, bytes);
        }

        if (a.InputPath is not null)
        {
            try
            {
                using var file = new FileStream(a.InputPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                var bytes = ReadCapped(file);
                return bytes is null ? null : new Payload(null, bytes);
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

        try
        {
            return new Payload(TrimOneLineEnd(StrictUtf8.GetString(data)), null);
        }
        catch (DecoderFallbackException e)
        {
            throw new CliUsageException("standard input is not UTF-8 text: use --input - to encode raw bytes", e);
        }
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

    // ---- Encoding --------------------------------------------------------------------------------------------

    private static QrCode Encode(Payload payload, QrEncodeOptions options) =>
        payload.Bytes is not null ? QrCode.EncodeBinary(payload.Bytes, options) : QrCode.EncodeText(payload.Text!, options);

    private static IReadOnlyList<QrCode> EncodeSplit(Payload payload, int count, QrEncodeOptions options) =>
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

    // ---- Output ----------------------------------------------------------------------------------------------

    private static void WriteFile(QrCode symbol, OutputFormat format, RenderOptions render, int? border, Stream destination)
    {
        switch (format)
        {
            case OutputFormat.Png:
                PngRenderer.Render(symbol, render, destination);
                break;
            case OutputFormat.Pdf:
                PdfRenderer.Render(symbol, render, destination);
                break;
            default:
                using (var writer = new StreamWriter(destination, Utf8NoBom, bufferSize: 16384, leaveOpen: true))
                {
                    switch (format)
                    {
                        case OutputFormat.Svg:
                            SvgRenderer.Render(symbol, render, writer);
                            break;
                        case OutputFormat.Eps:
                            EpsRenderer.Render(symbol, render, writer);
                            break;
                        default:
                            TextRenderer.Render(symbol, TextOptions(format, border), writer);
                            break;
                    }
                }

                break;
        }
    }

    private static void DrawInTerminal(IReadOnlyList<QrCode> symbols, OutputFormat format, EncodeArguments a, TextWriter stdout)
    {
        var options = TextOptions(format, a.Border);
        for (var i = 0; i < symbols.Count; i++)
        {
            if (a.Split is not null)
            {
                if (i > 0)
                {
                    stdout.WriteLine();
                }

                stdout.WriteLine($"Symbol {i + 1} of {symbols.Count} (version {symbols[i].VersionName}-{symbols[i].Ecc})");
            }

            TextRenderer.Render(symbols[i], options, stdout);
        }
    }

    private static TextRenderOptions TextOptions(OutputFormat format, int? border) => new()
    {
        Style = format == OutputFormat.Ansi ? TextStyle.Ansi : TextStyle.HalfBlocks,
        Border = border,
    };
}
