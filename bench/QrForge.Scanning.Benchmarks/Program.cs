using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using QrForge.Scanning;
using QrForge.Scanning.Tests;

// `compare [seconds]`: images per second for QrForge, zbarimg and ZXingReader over the same files, side by side
// (5 interleaved rounds, best per tool). `rows`: QrForge alone per degradation.
// `photos [verbose]`: the real photographs of ../shared/decoder-photos (or $QRFORGE_DECODER_PHOTOS) at four
// rotations, per folder beside the peers' figures. `noise`: the time spent on images holding no symbol (uniform
// noise, salt and pepper, a textured photo-like frame), worst and mean. Anything else runs the BenchmarkDotNet suite (ScannerBenchmarks).
if (args.Length > 0 && args[0] == "noise")
{
    Compare.Noise();
}
else if (args.Length > 1 && args[0] == "probe")
{
    Compare.Probe(args[1]);
}
else if (args.Length > 0 && args[0] == "photos")
{
    Compare.Photos(args.Length > 1 && args[1] == "verbose", args.Length > 2 ? args[2] : null);
}
else if (args.Length > 0 && args[0] == "rows")
{
    Compare.Rows();
}
else if (args.Length > 0 && args[0] == "compare")
{
    var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    Compare.Run(seconds);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(Compare).Assembly).Run(args);
}

/// <summary>Side-by-side throughput on one core: QrForge in process, the peers as one process over many files.</summary>
internal static class Compare
{
    public static void Run(double seconds)
    {
        var images = DegradedSet.Build();
        using var temp = Tools.TempDirectory();
        var sets = new Dictionary<string, List<(string Path, byte[] File)>>
        {
            ["clean"] = [],
            ["degraded"] = [],
        };
        foreach (var image in images)
        {
            var path = temp.File($"{image.Name}.{image.Extension}");
            File.WriteAllBytes(path, image.File);
            sets[image.Degradation == "clean" ? "clean" : "degraded"].Add((path, image.File));
        }

        // Camera-sized frames: a symbol somewhere in a 1280×960 JPEG with a grey, slightly noisy background.
        sets["photo-1280x960"] = [];
        for (var i = 0; i < 8; i++)
        {
            var path = temp.File($"photo-{i}.jpg");
            var file = PhotoFrame(i);
            File.WriteAllBytes(path, file);
            sets["photo-1280x960"].Add((path, file));
        }

        // The real photographs, read in place at 0° (the peers get the same files).
        if (PhotoSet.Locate() is { } root)
        {
            sets["decoder-photos"] = [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".txt", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, File.ReadAllBytes(f)))];
        }

        Console.WriteLine("| set | images | QrForge img/s (found) | zbarimg img/s (found) | ZXingReader img/s (found) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, files) in sets)
        {
            // Interleaved rounds, best rate per tool: the machine is shared, and a burst of load in one tool's turn
            // would otherwise decide the comparison.
            double ours = 0, zbar = 0, zxing = 0;
            int oursFound = 0, zbarFound = 0, zxingFound = 0;
            const int Rounds = 5;
            for (var round = 0; round < Rounds; round++)
            {
                var o = Ours(files.Select(f => f.File).ToList(), seconds / Rounds);
                var z = Peer("zbarimg", ["-q", "-Sdisable", "-Sqrcode.enable"], "QR-Code:", files.Select(f => f.Path).ToList(), seconds / Rounds);
                var x = Peer("ZXingReader", ["-format", "QRCode"], "Text:", files.Select(f => f.Path).ToList(), seconds / Rounds);
                (ours, oursFound) = (Math.Max(ours, o.Rate), o.Found);
                (zbar, zbarFound) = (Math.Max(zbar, z.Rate), z.Found);
                (zxing, zxingFound) = (Math.Max(zxing, x.Rate), x.Found);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {files.Count} | {ours:F0} ({oursFound}) | {zbar:F0} ({zbarFound}) | {zxing:F0} ({zxingFound}) |"));
        }
    }

    /// <summary>QrForge's images per second for each degradation on its own, to see where the time goes.</summary>
    public static void Rows()
    {
        foreach (var group in DegradedSet.Build().GroupBy(i => i.Degradation))
        {
            var (rate, found) = Ours(group.Select(i => i.File).ToList(), 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key,-14} {rate,8:F0} img/s ({found} found)"));
        }
    }

    /// <summary>The decoder-photos benchmark: cases read per folder against the peers, the misses, the slowest case.</summary>
    public static void Photos(bool verbose, string? missesTo)
    {
        if (PhotoSet.Locate() is not { } root)
        {
            Console.Error.WriteLine($"No decoder-photos folder: set {PhotoSet.EnvironmentVariable} or place it at ../shared/decoder-photos.");
            Environment.ExitCode = 2;
            return;
        }

        var photos = PhotoSet.Load(root);
        var watch = Stopwatch.StartNew();
        var (read, missed, slowest, slowestName) = PhotoSet.Run(photos);
        var elapsed = watch.Elapsed.TotalSeconds;
        Console.Write(PhotoSet.Table(read));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{photos.Count * 4} cases in {elapsed:F1} s ({photos.Count * 4 / elapsed:F1} cases/s); slowest {slowestName} {slowest * 1000:F0} ms"));
        if (verbose)
        {
            Console.WriteLine("missed: " + string.Join(' ', missed));
        }

        // `photos verbose DIR`: the images missed at 0° as grey PNGs, to look at.
        if (missesTo is not null)
        {
            Directory.CreateDirectory(missesTo);
            foreach (var photo in photos.Where(p => missed.Contains($"{p.Folder}/{p.Name}@0")))
            {
                var grey = new byte[photo.Pixels.Length];
                for (var i = 0; i < grey.Length; i++)
                {
                    var c = photo.Pixels[i];
                    grey[i] = (byte)(((c & 0xFF) + ((c >> 8) & 0xFF) + ((c >> 16) & 0xFF)) / 3);
                }

                File.WriteAllBytes(Path.Combine(missesTo, $"{photo.Folder}-{photo.Name.Replace('#', '_')}.png"), Png.Encode((grey, photo.Width, photo.Height)));
            }
        }
    }

    /// <summary>Milliseconds spent on images with no symbol: the work bound on fruitless search.</summary>
    public static void Noise()
    {
        foreach (var (width, height) in new[] { (640, 480), (1280, 960) })
        {
            foreach (var kind in new[] { "uniform", "salt-pepper", "blocks" })
            {
                var times = new List<double>();
                for (var seed = 0; seed < 10; seed++)
                {
                    var random = new Random(seed);
                    var pixels = new byte[width * height];
                    for (var p = 0; p < pixels.Length; p++)
                    {
                        pixels[p] = kind switch
                        {
                            "uniform" => (byte)random.Next(256),
                            "salt-pepper" => random.NextDouble() < 0.03 ? (byte)(random.Next(2) * 255) : (byte)(150 + ((p % width) / 20)),
                            _ => (byte)((((p % width) / (3 + (seed % 5))) + ((p / width) / (3 + (seed % 5)))) % 2 == 0 ? 30 + random.Next(20) : 200 + random.Next(20)),
                        };
                    }

                    Scanner.ReadPixels(pixels, width, height, ScanPixelFormat.Grey8);
                    var watch = Stopwatch.StartNew();
                    var result = Scanner.ReadPixels(pixels, width, height, ScanPixelFormat.Grey8);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    GC.KeepAlive(result);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{width}x{height} {kind,-12} worst {times.Max(),6:F0} ms  mean {times.Average(),6:F0} ms"));
            }
        }
    }

    /// <summary>`probe FILE`: the finder candidates the detector sees in one image (for looking into a miss).</summary>
    public static void Probe(string file)
    {
        var bytes = File.ReadAllBytes(file);
        ImageLoader.TryLoad(bytes, ScanOptions.Default, out var grey, out var width, out var height, out _);
        var binary = Binarizer.Binarize(grey, width, height);
        Console.WriteLine($"{width}x{height}");
        foreach (var step in new[] { 2, 1 })
        {
            foreach (var c in new FinderPatternFinder(binary).Find(step))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step}: ({c.X:F1}, {c.Y:F1}) module {c.ModuleSize:F2} count {c.Count}"));
            }
        }

        var result = Scanner.Read(bytes);
        Console.WriteLine($"{result.Status}: {string.Join(" | ", result.Symbols.Select(s => s.Text))}");
    }

    private static byte[] PhotoFrame(int seed)
    {
        const int width = 1280;
        const int height = 960;
        var random = new Random(seed);
        var (symbol, side, _) = Raster.Render(QrForge.Encoding.QrCode.EncodeText($"https://qrforge.example/r/photo{seed}", QrForge.Encoding.Ecc.M), scale: 6 + (seed % 4));
        var pixels = new byte[width * height];
        for (var p = 0; p < pixels.Length; p++)
        {
            pixels[p] = (byte)(180 + random.Next(-12, 13));
        }

        var left = random.Next(0, width - side);
        var top = random.Next(0, height - side);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                pixels[((top + y) * width) + left + x] = (byte)Math.Clamp(symbol[(y * side) + x] + random.Next(-12, 13), 0, 255);
            }
        }

        return Png.Encode((pixels, width, height), SkiaSharp.SKEncodedImageFormat.Jpeg, 85);
    }

    /// <summary>Images per second, and how many images yielded a symbol.</summary>
    private static (double Rate, int Found) Ours(List<byte[]> files, double seconds)
    {
        // Warm up (JIT, Skia) before timing; count the images read.
        var images = 0;
        foreach (var file in files)
        {
            images += Scanner.Read(file).IsSuccess ? 1 : 0;
        }

        var count = 0;
        var found = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var file in files)
            {
                found += Scanner.Read(file).Symbols.Count;
                count++;
            }
        }

        GC.KeepAlive(found);
        return (count / watch.Elapsed.TotalSeconds, images);
    }

    /// <summary>Images per second for a peer tool, and how many images it read (one symbol each in these sets).</summary>
    private static (double Rate, int Found) Peer(string tool, string[] options, string resultPrefix, List<string> files, double seconds)
    {
        // One process over the file list repeated until it runs for about the requested time, so start-up is amortised.
        var (single, output) = Time(tool, options, files);
        var found = output.Split('\n').Count(line => line.StartsWith(resultPrefix, StringComparison.Ordinal));
        var repeats = Math.Max(1, (int)(seconds / Math.Max(single, 0.001)));
        var list = Enumerable.Repeat(files, repeats).SelectMany(f => f).ToList();
        var (elapsed, _) = Time(tool, options, list);
        return (list.Count / elapsed, found);
    }

    private static (double Seconds, string Output) Time(string tool, string[] options, List<string> files)
    {
        var watch = Stopwatch.StartNew();
        var output = Tools.Run(tool, options.Concat(files), out _);
        return (watch.Elapsed.TotalSeconds, output);
    }
}
