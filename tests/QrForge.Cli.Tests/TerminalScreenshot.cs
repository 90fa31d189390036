using System.Diagnostics;
using System.Globalization;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Cli.Tests;

/// <summary>
/// What a terminal shows for qrforge's text output, as a greyscale image: each character cell is one module wide
/// and two modules high (half blocks), drawn in the theme's default colours unless SGR 30-37 / 40-47 set them.
/// </summary>
internal static class TerminalScreenshot
{
    /// <summary>A dark theme: light grey text on a near-black background; palette black and white as most themes have them.</summary>
    public static readonly Theme Dark = new(Foreground: 0xD0, Background: 0x1E, Black: 0x2E, White: 0xD3);

    /// <summary>Renders <paramref name="text"/> into a binary PGM file at <paramref name="path"/>, 4 pixels per module.</summary>
    public static void Save(string text, Theme theme, string path)
    {
        const int Pixel = 4;
        var lines = text.TrimEnd('\n').Split('\n');
        var rows = new List<byte[]>();
        foreach (var line in lines)
        {
            var upper = new List<byte>();
            var lower = new List<byte>();
            byte fg = theme.Foreground, bg = theme.Background;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '\u001b')
                {
                    var end = line.IndexOf('m', i);
                    foreach (var code in line[(i + 2)..end].Split(';'))
                    {
                        var n = code.Length == 0 ? 0 : int.Parse(code, CultureInfo.InvariantCulture);
                        (fg, bg) = n switch
                        {
                            0 => (theme.Foreground, theme.Background),
                            >= 30 and <= 37 => (n == 30 ? theme.Black : theme.White, bg),
                            >= 40 and <= 47 => (fg, n == 40 ? theme.Black : theme.White),
                            _ => (fg, bg),
                        };
                    }

                    i = end;
                    continue;
                }

                var (top, bottom) = line[i] switch
                {
                    '\u2580' => (fg, bg), // ▀
                    '\u2584' => (bg, fg), // ▄
                    '\u2588' => (fg, fg), // █
                    _ => (bg, bg),
                };
                upper.Add(top);
                lower.Add(bottom);
            }

            rows.Add([.. upper]);
            rows.Add([.. lower]);
        }

        var width = rows.Max(r => r.Length) * Pixel;
        var height = rows.Count * Pixel;
        using var file = File.Create(path);
        file.Write(TextEncoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n"));
        var line8 = new byte[width];
        foreach (var row in rows)
        {
            Array.Fill(line8, theme.Background);
            for (var x = 0; x < row.Length; x++)
            {
                Array.Fill(line8, row[x], x * Pixel, Pixel);
            }

            for (var k = 0; k < Pixel; k++)
            {
                file.Write(line8);
            }
        }
    }

    /// <summary>What zbarimg reads in the image, or null when it finds no code.</summary>
    public static string? Zbar(string path)
    {
        var start = new ProcessStartInfo("zbarimg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.TrimEnd('\n') : null;
    }

    /// <summary>Grey levels of a terminal theme.</summary>
    internal readonly record struct Theme(byte Foreground, byte Background, byte Black, byte White);
}
