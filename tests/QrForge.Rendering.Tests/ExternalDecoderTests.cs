using System.Diagnostics;
using QrForge.Encoding;

namespace QrForge.Rendering.Tests;

/// <summary>
/// Renders PNGs and reads them back with two independent decoders: zbar's <c>zbarimg</c> (zbar-tools) and zxing-cpp's
/// <c>ZXingReader</c> (zxing-cpp-tools). Both must be installed; CI installs them, so a missing tool fails the test.
/// zbar cannot read Micro QR, so Micro QR goes to ZXing only.
/// </summary>
public sealed class ExternalDecoderTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Rgba Navy = new(0, 0, 128);
    private static readonly Rgba Cream = new(255, 250, 205);
    private static readonly Rgba Forest = new(20, 90, 40);

    private readonly string _directory = Directory.CreateTempSubdirectory("qrforge-render-").FullName;

    public static TheoryData<string> QrCases => [.. Cases.Keys];

    public static TheoryData<string> MicroCases => [.. Micro.Keys];

    private static Dictionary<string, (string Text, QrEncodeOptions Encode, RenderOptions Render)> Cases { get; } = BuildCases();

    private static Dictionary<string, (string Text, QrEncodeOptions Encode, RenderOptions Render)> Micro { get; } = new()
    {
        ["M1 digits"] = ("12345", new QrEncodeOptions { Micro = true, Ecc = Ecc.L }, new RenderOptions { Scale = 8 }),
        ["M2 alphanumeric"] = ("HELLO 42", new QrEncodeOptions { Micro = true, Ecc = Ecc.L }, new RenderOptions { Scale = 8 }),
        ["M3 bytes"] = ("qrforge!", new QrEncodeOptions { Micro = true, Ecc = Ecc.M }, new RenderOptions { Scale = 6 }),
        ["M4 text"] = ("Micro QR M4", new QrEncodeOptions { Micro = true, Ecc = Ecc.L }, new RenderOptions { Scale = 6 }),
        ["M4 circles, finder style ignored"] = ("MICRO QR 4", new QrEncodeOptions { Micro = true, Ecc = Ecc.M, MinVersion = 4 },
            new RenderOptions { Scale = 10, Shape = ModuleShape.Circle, Finder = FinderStyle.Rounded }),
        ["M4 rounded, scale 4"] = ("MICRO QR 4", new QrEncodeOptions { Micro = true, Ecc = Ecc.M, MinVersion = 4 },
            new RenderOptions { Scale = 4, Shape = ModuleShape.Rounded, Finder = FinderStyle.Circle }),
        ["M3 colours, wide border"] = ("MICRO", new QrEncodeOptions { Micro = true, MinVersion = 3 },
            new RenderOptions { Scale = 7, Border = 6, Dark = Forest, Light = Cream }),
    };

    [Theory]
    [MemberData(nameof(QrCases))]
    public void Png_QrCode_BothDecodersReadTheText(string name)
    {
        var (text, encode, render) = Cases[name];
        var symbol = QrCode.EncodeText(text, encode);
        if (name[0] == 'v')
        {
            Assert.StartsWith($"v{symbol.Version} ", name, StringComparison.Ordinal);
        }

        var file = Write(symbol, render, name);

        Assert.Equal(text, Zbar(file));
        Assert.Equal(text, ZXing(file));
    }

    [Theory]
    [MemberData(nameof(MicroCases))]
    public void Png_MicroQr_ZXingReadsTheText(string name)
    {
        var (text, encode, render) = Micro[name];
        var symbol = QrCode.EncodeText(text, encode);
        Assert.True(symbol.IsMicro);

        Assert.Equal(text, ZXing(Write(symbol, render, name)));
    }

    [Fact]
    public void Decoders_ImageWithoutSymbol_ReadNothing()
    {
        // Negative control: the same harness must report failure when there is nothing to read.
        var blank = Write(QrCode.EncodeText("blank", Ecc.M), new RenderOptions { Dark = Rgba.White }, "blank");

        Assert.Null(Zbar(blank));
        Assert.Null(ZXing(blank));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, (string, QrEncodeOptions, RenderOptions)> BuildCases()
    {
        var cases = new Dictionary<string, (string, QrEncodeOptions, RenderOptions)>
        {
            ["v1 defaults"] = ("HELLO WORLD", new QrEncodeOptions { Ecc = Ecc.L }, RenderOptions.Default),
            ["v3 url"] = ("https://example.com/q/12345678", QrEncodeOptions.Default, RenderOptions.Default),
            ["v6 level H, scale 3"] = (Sentence(60), new QrEncodeOptions { Ecc = Ecc.H }, new RenderOptions { Scale = 3 }),
            ["v15 level L, scale 4"] = (Sentence(500), new QrEncodeOptions { Ecc = Ecc.L }, new RenderOptions { Scale = 4 }),
            ["v24 level M, size 800 px"] = (Sentence(900), QrEncodeOptions.Default, new RenderOptions { SizePixels = 800 }),
            ["v40 level L, scale 3"] = (Sentence(2900), new QrEncodeOptions { Ecc = Ecc.L }, new RenderOptions { Scale = 3 }),
            ["navy on cream"] = ("colours with contrast", QrEncodeOptions.Default, new RenderOptions { Dark = Navy, Light = Cream }),
            ["forest, 31 mm at 300 dpi"] = ("physical size", QrEncodeOptions.Default, new RenderOptions { Dark = Forest, SizeMillimetres = 31 }),
            ["navy on transparent"] = ("transparent background", QrEncodeOptions.Default, new RenderOptions { Dark = Navy, Light = Rgba.Transparent }),
            ["translucent colours"] = ("alpha in both colours", QrEncodeOptions.Default,
                new RenderOptions { Dark = Navy with { A = 200 }, Light = Rgba.White with { A = 100 } }),
            ["scale 2, border 8"] = ("small modules", QrEncodeOptions.Default, new RenderOptions { Scale = 2, Border = 8 }),
        };

        foreach (var shape in Enum.GetValues<ModuleShape>())
        {
            foreach (var finder in Enum.GetValues<FinderStyle>())
            {
                cases[$"shape {shape}, finder {finder}"] = ($"shape {shape} finder {finder}", new QrEncodeOptions { Ecc = Ecc.Q },
                    new RenderOptions { Shape = shape, Finder = finder, Dark = Navy });
            }
        }

        return cases;
    }

    private static string Sentence(int length)
    {
        const string Words = "The quick brown fox jumps over the lazy dog 0123456789. ";
        var text = string.Concat(Enumerable.Repeat(Words, (length / Words.Length) + 1));
        return text[..length];
    }

    private string Write(QrCode symbol, RenderOptions options, string name)
    {
        var file = Path.Combine(_directory, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + ".png");
        File.WriteAllBytes(file, PngRenderer.Render(symbol, options));
        return file;
    }

    /// <summary>The text zbarimg reads, or null when it finds no symbol (exit code 4).</summary>
    private static string? Zbar(string file)
    {
        var (exit, output) = Run("zbarimg", "zbar-tools", "--raw", "-q", file);
        if (exit == 4)
        {
            return null;
        }

        Assert.True(exit == 0, $"zbarimg exited with {exit}");
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        return output[..^1];
    }

    /// <summary>The text ZXingReader reads (its <c>Text:</c> line, unquoted), or null when it reports none.</summary>
    private static string? ZXing(string file)
    {
        var (exit, output) = Run("ZXingReader", "zxing-cpp-tools", file);
        Assert.True(exit == 0, $"ZXingReader exited with {exit}: {output}");
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("Text:", StringComparison.Ordinal))
            {
                var value = line["Text:".Length..].Trim();
                Assert.True(value.Length >= 2 && value[0] == '"' && value[^1] == '"', line);
                return value[1..^1];
            }
        }

        Assert.Contains("No barcode found", output, StringComparison.Ordinal);
        return null;
    }

    private static (int ExitCode, string Output) Run(string tool, string package, params string[] arguments)
    {
        var path = FindOnPath(tool)
            ?? throw Xunit.Sdk.FailException.ForFailure(
                $"'{tool}' is not on PATH. Install the Debian package '{package}' (apt-get install {package}); the build script does this in CI.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync(); // zbarimg warns about D-Bus there; read it so it cannot block
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish within {Timeout.TotalSeconds} s.");
        }

        process.WaitForExit();
        _ = stderr.Result;
        return (process.ExitCode, stdout.Result);
    }

    private static string? FindOnPath(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
