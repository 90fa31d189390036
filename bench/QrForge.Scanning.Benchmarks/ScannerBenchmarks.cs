using BenchmarkDotNet.Attributes;
using QrForge.Scanning.Tests;

namespace QrForge.Scanning.Benchmarks;

/// <summary>Scanner.Read over the generated clean and degraded image sets (PNG/JPEG decoding included).</summary>
[MemoryDiagnoser]
public class ScannerBenchmarks
{
    private byte[][] _clean = [];
    private byte[][] _degraded = [];

    [GlobalSetup]
    public void Setup()
    {
        var images = DegradedSet.Build();
        _clean = [.. images.Where(i => i.Degradation == "clean").Select(i => i.File)];
        _degraded = [.. images.Where(i => i.Degradation != "clean").Select(i => i.File)];
    }

    [Benchmark]
    public int Clean()
    {
        var found = 0;
        foreach (var file in _clean)
        {
            found += Scanner.Read(file).Symbols.Count;
        }

        return found;
    }

    [Benchmark]
    public int Degraded()
    {
        var found = 0;
        foreach (var file in _degraded)
        {
            found += Scanner.Read(file).Symbols.Count;
        }

        return found;
    }
}
