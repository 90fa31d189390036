using System.Globalization;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>A mutable copy of a symbol's modules (dark = true), so tests can damage a symbol or compare it.</summary>
internal sealed class ModuleMatrix
{
    private readonly bool[] _dark;

    public ModuleMatrix(int size)
    {
        Size = size;
        _dark = new bool[size * size];
    }

    public int Size { get; }

    public bool this[int x, int y]
    {
        get => (uint)x < (uint)Size && (uint)y < (uint)Size && _dark[y * Size + x];
        set => _dark[y * Size + x] = value;
    }

    public static ModuleMatrix From(QrCode code)
    {
        var m = new ModuleMatrix(code.Size);
        for (var y = 0; y < code.Size; y++)
        {
            for (var x = 0; x < code.Size; x++)
            {
                m[x, y] = code[x, y];
            }
        }

        return m;
    }

    /// <summary>Rows of '0' and '1', as segno's matrix is returned by the oracle script.</summary>
    public static ModuleMatrix FromRows(IReadOnlyList<string> rows)
    {
        var m = new ModuleMatrix(rows.Count);
        for (var y = 0; y < rows.Count; y++)
        {
            if (rows[y].Length != rows.Count)
            {
                throw new FormatException($"Row {y} has {rows[y].Length} modules in a {rows.Count}-row matrix.");
            }

            for (var x = 0; x < rows.Count; x++)
            {
                m[x, y] = rows[y][x] == '1';
            }
        }

        return m;
    }

    /// <summary>Coordinates where the two matrices differ (every module when the sizes differ).</summary>
    public List<(int X, int Y)> Differences(ModuleMatrix other)
    {
        var result = new List<(int, int)>();
        var size = Math.Max(Size, other.Size);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (Size != other.Size || this[x, y] != other[x, y])
                {
                    result.Add((x, y));
                }
            }
        }

        return result;
    }
}

/// <summary>
/// Writes symbols as binary greyscale PGM (P5), the simplest image both zbarimg and ZXingReader read:
/// black modules of <see cref="Scale"/> pixels on white, with a quiet zone of <see cref="QuietZone"/> modules.
/// Written here rather than by the renderers so the oracles do not depend on them.
/// </summary>
internal static class Pgm
{
    public const int Scale = 4;

    /// <summary>Four modules: what QR Code requires (Micro QR needs only two, four is more robust).</summary>
    public const int QuietZone = 4;

    public static void Write(string path, QrCode code) => Write(path, [ModuleMatrix.From(code)]);

    public static void Write(string path, ModuleMatrix matrix) => Write(path, [matrix]);

    /// <summary>
    /// Several symbols in one image, laid out in a grid with a quiet zone around each, as a structured append
    /// sequence is printed: readers that join sequences (zbar) see them all at once.
    /// </summary>
    public static void Write(string path, IReadOnlyList<ModuleMatrix> symbols)
    {
        ArgumentOutOfRangeException.ThrowIfZero(symbols.Count);
        var columns = (int)Math.Ceiling(Math.Sqrt(symbols.Count));
        var rows = (symbols.Count + columns - 1) / columns;
        var cell = symbols.Max(s => s.Size) + QuietZone;
        var widthModules = columns * cell + QuietZone;
        var heightModules = rows * cell + QuietZone;
        var width = widthModules * Scale;
        var height = heightModules * Scale;

        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        for (var i = 0; i < symbols.Count; i++)
        {
            var symbol = symbols[i];
            var left = QuietZone + i % columns * cell;
            var top = QuietZone + i / columns * cell;
            for (var y = 0; y < symbol.Size; y++)
            {
                for (var x = 0; x < symbol.Size; x++)
                {
                    if (symbol[x, y])
                    {
                        Fill(pixels, width, (left + x) * Scale, (top + y) * Scale);
                    }
                }
            }
        }

        using var file = File.Create(path);
        file.Write(TextEncoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{width} {height}\n255\n")));
        file.Write(pixels);
    }

    private static void Fill(byte[] pixels, int width, int px, int py)
    {
        for (var dy = 0; dy < Scale; dy++)
        {
            pixels.AsSpan((py + dy) * width + px, Scale).Clear();
        }
    }
}
