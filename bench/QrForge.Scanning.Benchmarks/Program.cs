using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using QrForge.Scanning;
using QrForge.Scanning.Tests;

// `compare [seconds]`: images per second for QrForge, zbarimg and ZXingReader over the same files, side by side.
// Anything else runs the BenchmarkDotNet suite (ScannerBenchmarks).
if (args.Length > 0 && args[0] == "compare")
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

        Console.WriteLine($"| set | images | QrForge img/s | zbarimg img/s | ZXingReader img/s |");
        Console.WriteLine($"| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, files) in sets)
        {
            var ours = Ours(files.Select(f => f.File).ToList(), seconds);
            var zbar = Peer("zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable"], files.Select(f => f.Path).ToList(), seconds);
            var zxing = Peer("ZXingReader", ["-format", "QRCode"], files.Select(f => f.Path).ToList(), seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {files.Count} | {ours:F0} | {zbar:F0} | {zxing:F0} |"));
        }
    }

    private static double Ours(List<byte[]> files, double seconds)
    {
        // Warm up (JIT, Skia) before timing.
        foreach (var file in files)
        {
            _ = Scanner.Read(file);
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
        return count / watch.Elapsed.TotalSeconds;
    }

    private static double Peer(string tool, string[] options, List<string> files, double seconds)
    {
        // One process over the file list repeated until it runs for about the requested time, so start-up is amortised.
        var single = Time(tool, options, files);
        var repeats = Math.Max(1, (int)(seconds / Math.Max(single, 0.001)));
        var list = Enumerable.Repeat(files, repeats).SelectMany(f => f).ToList();
        var elapsed = Time(tool, options, list);
        return list.Count / elapsed;
    }

    private static double Time(string tool, string[] options, List<string> files)
    {
        var watch = Stopwatch.StartNew();
        Tools.Run(tool, options.Concat(files), out _);
        return watch.Elapsed.TotalSeconds;
    }
}
