using System.Buffers.Binary;
using System.IO.Compression;
using Xunit.Abstractions;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>
/// With the mask left to the encoder, the symbol depends on how the penalty rules of §7.8.3.1 are read. QrForge
/// reads them as ZXing does (format and version information included, a finder-like pattern counted once,
/// rule 4 in whole 5 % steps), so its automatic choice agrees module for module with zxing-cpp's writer
/// (Debian's ZXingWriter) when both write the same data: one mode, the smallest version.
/// </summary>
[Collection(OracleTestGroup.Name)]
public sealed class ZxingWriterAgreementTests(OracleFixture fixture, ITestOutputHelper output)
{
    private const string Writer = "/usr/bin/ZXingWriter";

    // ZXingWriter's -ecc takes 0-8; these values select L, M, Q and H.
    private static readonly Dictionary<Ecc, string> EccArgument = new() { [Ecc.L] = "1", [Ecc.M] = "3", [Ecc.Q] = "5", [Ecc.H] = "8" };

    [Fact]
    public void AutomaticMask_SameDataAsZxingWriter_EveryModuleAgrees()
    {
        fixture.EnsureTools();
        Assert.True(File.Exists(Writer), "ZXingWriter is needed (Debian zxing-cpp-tools; ./build.sh test installs it).");
        var random = new Random(18004);
        const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        var cases = new List<(string Text, QrMode Mode, Ecc Ecc)>();
        for (var i = 0; i < 160; i++)
        {
            var ecc = (Ecc)(i % 4);
            var length = random.Next(1, 300);
            var kind = i % 3;
            (string, QrMode, Ecc) item = kind switch
            {
                0 => ("https://qr.example.com/r/" + Pick(random, Base62, random.Next(4, 120)), QrMode.Byte, ecc),
                1 => (Pick(random, "0123456789", length), QrMode.Numeric, ecc),
                _ => ("A" + Pick(random, Upper, length), QrMode.Alphanumeric, ecc),
            };
            cases.Add(item);
        }

        var directory = fixture.NewBatchDirectory();
        var differing = new List<string>();
        var index = 0;
        foreach (var (text, mode, ecc) in cases)
        {
            var ours = QrCode.EncodeText(text, new QrEncodeOptions { Ecc = ecc, Mode = mode });
            var file = Path.Combine(directory, $"zx{index++}.png");
            var size = ours.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var result = ToolProcess.Run(Writer, ["-size", $"{size}x{size}", "-margin", "0", "-ecc", EccArgument[ecc], "QRCode", text, file], TimeSpan.FromSeconds(30));
            Assert.True(result.ExitCode == 0, $"ZXingWriter failed: {result.Stderr}");
            var theirs = ReadGreyPng(File.ReadAllBytes(file));
            if (theirs.GetLength(0) != ours.Size || !SameModules(ours, theirs))
            {
                differing.Add($"{mode} {ecc} v{ours.Version} mask {ours.Mask}: {text[..Math.Min(30, text.Length)]}");
            }
        }

        output.WriteLine($"ZXingWriter agreement: {cases.Count - differing.Count} of {cases.Count} symbols identical");
        Assert.True(differing.Count == 0, "differ from ZXingWriter: " + string.Join("; ", differing.Take(5)));
    }

    [Fact]
    public void ModuleComparison_OneFlippedModule_IsNoticed()
    {
        // Negative control for the comparison itself.
        var code = QrCode.EncodeText("control", Ecc.M);
        var grid = new bool[code.Size, code.Size];
        for (var y = 0; y < code.Size; y++)
        {
            for (var x = 0; x < code.Size; x++)
            {
                grid[y, x] = code[x, y];
            }
        }

        Assert.True(SameModules(code, grid));
        grid[10, 12] = !grid[10, 12];
        Assert.False(SameModules(code, grid));
    }

    private static string Pick(Random random, string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    private static bool SameModules(QrCode code, bool[,] grid)
    {
        for (var y = 0; y < code.Size; y++)
        {
            for (var x = 0; x < code.Size; x++)
            {
                if (code[x, y] != grid[y, x])
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Reads an 8-bit greyscale PNG (as ZXingWriter writes) into dark/light modules, one pixel each.</summary>
    private static bool[,] ReadGreyPng(byte[] png)
    {
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var pos = 8; pos < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = TextEncoding.ASCII.GetString(png, pos + 4, 4);
            var body = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                Assert.True(body[8] == 8 && body[9] == 0, "expected 8-bit greyscale");
            }
            else if (type == "IDAT")
            {
                idat.Write(body);
            }

            pos += 12 + length;
        }

        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var data = raw.ToArray();
        var grid = new bool[height, width];
        var previous = new byte[width];
        var line = new byte[width];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (width + 1)];
            Array.Copy(data, y * (width + 1) + 1, line, 0, width);
            for (var x = 0; x < width; x++)
            {
                int a = x > 0 ? line[x - 1] : 0, b = previous[x], c = x > 0 ? previous[x - 1] : 0;
                var p = a + b - c;
                int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                line[x] += filter switch
                {
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) >> 1),
                    4 => (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c),
                    _ => 0,
                };
                grid[y, x] = line[x] < 128;
            }

            (previous, line) = (line, previous);
        }

        return grid;
    }
}
