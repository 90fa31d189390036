using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using SkiaSharp;

namespace QrForge.Scanning.Tests;

/// <summary>One real photograph of the shared decoder-photos set, decoded to RGBA once, with its expected content.</summary>
internal sealed record Photo(string Folder, string Name, uint[] Pixels, int Width, int Height, byte[] Expected)
{
    /// <summary>The pixels turned clockwise by <paramref name="quarterTurns"/> × 90°, as (pixels, width, height).</summary>
    public (uint[] Pixels, int Width, int Height) Rotated(int quarterTurns)
    {
        quarterTurns &= 3;
        if (quarterTurns == 0)
        {
            return (Pixels, Width, Height);
        }

        var (w, h) = quarterTurns == 2 ? (Width, Height) : (Height, Width);
        var rotated = new uint[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (nx, ny) = quarterTurns switch
                {
                    1 => (Height - 1 - y, x),
                    2 => (Width - 1 - x, Height - 1 - y),
                    _ => (y, Width - 1 - x),
                };
                rotated[(ny * w) + nx] = Pixels[(y * Width) + x];
            }
        }

        return (rotated, w, h);
    }

    /// <summary>Whether one of the symbols holds exactly the expected bytes (or, as text, the expected UTF-8 text).</summary>
    public bool IsReadBy(ScanResult result)
    {
        var text = System.Text.Encoding.UTF8.GetString(Expected);
        return result.Symbols.Any(s => s.Data.Span.SequenceEqual(Expected) || s.Text == text);
    }
}

/// <summary>
/// The real photographs and odd symbols of ../shared/decoder-photos (half of zxing-cpp's public QR and Micro QR
/// sample folders), read in place — never copied into the repository. Each image is read at 0, 90, 180 and 270°, as
/// zxing-cpp's black-box runner does; a case counts when the expected content is among the symbols read.
/// </summary>
internal static class PhotoSet
{
    public const string EnvironmentVariable = "QRFORGE_DECODER_PHOTOS";

    /// <summary>Peer counts from the set's README (zbar 0.23, ZXing-C++ 1.4, ZXing-C++ 3.1) and QrForge before issue 13.</summary>
    public static readonly Dictionary<string, (int Cases, int Zbar, int Zxing14, int Zxing31, int Before)> Peers = new()
    {
        ["qrcode-1"] = (16, 16, 16, 16, 12),
        ["qrcode-2"] = (112, 49, 89, 108, 61),
        ["qrcode-3"] = (36, 33, 30, 36, 31),
        ["qrcode-4"] = (48, 24, 27, 28, 28),
        ["qrcode-5"] = (32, 24, 32, 32, 32),
        ["qrcode-6"] = (32, 28, 32, 32, 32),
        ["microqrcode-1"] = (32, 0, 26, 26, 22),
    };

    /// <summary>
    /// The folder: <c>QRFORGE_DECODER_PHOTOS</c> when set, else <c>../shared/decoder-photos</c> beside the repository
    /// (the repository is the folder holding QrForge.slnx above the running assembly; for a worktree nested deeper,
    /// the nearest ancestor holding <c>shared/decoder-photos</c>); null when absent.
    /// </summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "QrForge.slnx")))
            {
                for (var above = directory.Parent; above is not null; above = above.Parent)
                {
                    var candidate = Path.Combine(above.FullName, "shared", "decoder-photos");
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                return null;
            }
        }

        return null;
    }

    /// <summary>Every image with an expected-content file, decoded to RGBA, ordered by folder and name.</summary>
    public static List<Photo> Load(string root)
    {
        var photos = new List<Photo>();
        foreach (var folder in Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(folder).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var expected = Path.ChangeExtension(file, ".txt");
                if (!File.Exists(expected))
                {
                    continue;
                }

                using var codec = SKCodec.Create(file);
                if (codec is null)
                {
                    continue;
                }

                var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
                var pixels = new uint[info.Width * info.Height];
                var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
                try
                {
                    codec.GetPixels(info, handle.AddrOfPinnedObject());
                }
                finally
                {
                    handle.Free();
                }

                photos.Add(new Photo(Path.GetFileName(folder), Path.GetFileName(file), pixels, info.Width, info.Height, File.ReadAllBytes(expected)));
            }
        }

        return photos;
    }

    /// <summary>Reads one photo turned by <paramref name="quarterTurns"/>.</summary>
    public static ScanResult Read(Photo photo, int quarterTurns)
    {
        var (pixels, width, height) = photo.Rotated(quarterTurns);
        return Scanner.ReadPixels(MemoryMarshal.AsBytes(pixels.AsSpan()), width, height, ScanPixelFormat.Rgba32);
    }

    /// <summary>Reads every photo at the four rotations: per folder the cases read, plus the slowest case in seconds.</summary>
    public static (SortedDictionary<string, int> Read, List<string> Missed, double SlowestSeconds, string Slowest) Run(List<Photo> photos)
    {
        var read = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var missed = new List<string>();
        double slowest = 0;
        var slowestName = "";
        foreach (var photo in photos)
        {
            read.TryAdd(photo.Folder, 0);
            for (var turns = 0; turns < 4; turns++)
            {
                var watch = Stopwatch.StartNew();
                var result = Read(photo, turns);
                var elapsed = watch.Elapsed.TotalSeconds;
                if (elapsed > slowest)
                {
                    (slowest, slowestName) = (elapsed, $"{photo.Folder}/{photo.Name}@{turns * 90}");
                }

                if (photo.IsReadBy(result))
                {
                    read[photo.Folder]++;
                }
                else
                {
                    missed.Add($"{photo.Folder}/{photo.Name}@{turns * 90}");
                }
            }
        }

        return (read, missed, slowest, slowestName);
    }

    /// <summary>The per-folder table, ours beside the README's peers, as Markdown.</summary>
    public static string Table(SortedDictionary<string, int> read)
    {
        var text = new StringBuilder();
        text.AppendLine("| folder | cases | zbar 0.23 | ZXing-C++ 1.4 | ZXing-C++ 3.1 | QrForge before | QrForge now |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        int cases = 0, zbar = 0, z14 = 0, z31 = 0, before = 0, now = 0;
        foreach (var (folder, count) in read)
        {
            var p = Peers.TryGetValue(folder, out var known) ? known : (0, 0, 0, 0, 0);
            text.AppendLine($"| {folder} | {p.Item1} | {p.Item2} | {p.Item3} | {p.Item4} | {p.Item5} | {count} |");
            (cases, zbar, z14, z31, before, now) = (cases + p.Item1, zbar + p.Item2, z14 + p.Item3, z31 + p.Item4, before + p.Item5, now + count);
        }

        text.AppendLine($"| all | {cases} | {zbar} | {z14} | {z31} | {before} | {now} |");
        return text.ToString();
    }
}
