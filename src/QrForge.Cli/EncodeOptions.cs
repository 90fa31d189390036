using System.CommandLine;
using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Cli;

/// <summary>
/// The options of <c>qrforge encode</c>: how each is parsed on its own (names, ranges, colours), and the checks
/// across options that turn <see cref="EncodeArguments"/> into encoder options, an output format and render options.
/// Every check runs before any data is read or anything is written.
/// </summary>
internal static class EncodeOptions
{
    /// <summary>The largest --size: the renderers' limit per side.</summary>
    public const int MaxSize = RenderOptions.MaxSidePixels;

    private static readonly string FormatNames = string.Join(", ", OutputFormat.All.Select(f => f.Name));

    private static readonly Dictionary<string, Ecc> EccNames = CliOptions.Names(
        ("L", Ecc.L), ("M", Ecc.M), ("Q", Ecc.Q), ("H", Ecc.H));

    // "auto" maps to a sentinel that Mode turns back into null (no forced mode).
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

    public static Option<OutputFormat?> FormatOption() => new("--format")
    {
        Description = "Output format, overriding the extension of --output.",
        HelpName = string.Join('|', OutputFormat.All.Select(f => f.Name)),
        CustomParser = r =>
        {
            var text = CliOptions.Single(r);
            if (OutputFormat.TryParse(text, out var format))
            {
                return format;
            }

            r.AddError($"--format: '{text}' is not one of {FormatNames}");
            return null;
        },
    };

    public static Option<Ecc?> EccOption() => CliOptions.Choice("--ecc", EccNames, "Error correction level. [default: M]");

    public static Option<QrMode?> ModeOption() => CliOptions.Choice("--mode", ModeNames, "Force the encoding mode of text. [default: auto, the shortest mix]");

    /// <summary>The --mode value, with auto as null.</summary>
    public static QrMode? ModeValue(QrMode? parsed) => parsed is QrMode m && m != AutoMode ? m : null;

    public static Option<ModuleShape?> ShapeOption() => CliOptions.Choice("--shape", ShapeNames, "Shape of dark modules. [default: square]");

    public static Option<int?> SizeOption() => CliOptions.Integer("--size", 1, MaxSize, $"Image width in pixels, quiet zone included (1-{MaxSize}); instead of --scale. Images use whole pixels per module, so the width is rounded down to a multiple of the modules per side (a note on standard error says so).");

    public static Option<VersionSpec?> VersionOption(string name, string description) => new(name)
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

    public static Option<int?> SplitOption() => new("--split")
    {
        Description = "Split the data over N structured-append symbols (1-16, or auto for the fewest that hold it), written as NAME-1.EXT ... NAME-N.EXT.",
        HelpName = "N|auto",
        // 0 asks the encoder for the fewest symbols that hold the data.
        CustomParser = r => string.Equals(CliOptions.Single(r), "auto", StringComparison.OrdinalIgnoreCase)
            ? 0
            : CliOptions.ParseInteger(r, "--split", 1, 16),
    };

    public static Option<int?> EciOption() => new("--eci")
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

    public static Option<Rgba?> ColourOption(string name, string description) => new(name)
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

    // ---- Checks across options ------------------------------------------------------------------------------

    /// <summary>The encoder options the arguments ask for; throws <see cref="CliUsageException"/> for a bad combination.</summary>
    public static QrEncodeOptions ToEncodeOptions(EncodeArguments a)
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
            CheckMicro(a);
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

    /// <summary>The format to write: --format, else the extension of --output; text in the terminal without --output.</summary>
    public static OutputFormat ToFormat(EncodeArguments a)
    {
        if (a.OutputPath is null)
        {
            var format = a.Format ?? OutputFormat.Text;
            if (format.TextStyle is null)
            {
                throw new CliUsageException($"--format {format.Name} needs --output FILE: only txt and ansi are drawn in the terminal");
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

        var extension = Path.GetExtension(a.OutputPath);
        if (extension.Length > 1 && OutputFormat.TryParse(extension, out var byExtension) && byExtension != OutputFormat.Ansi)
        {
            return byExtension;
        }

        throw new CliUsageException($"--output: cannot tell the format of '{a.OutputPath}': use .png, .svg, .pdf, .eps or .txt, or give --format");
    }

    /// <summary>The render options the arguments ask for.</summary>
    public static RenderOptions ToRenderOptions(EncodeArguments a)
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

    private static void CheckMicro(EncodeArguments a)
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
}
