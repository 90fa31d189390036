using BenchmarkDotNet.Attributes;
using QRCoder;
using QrForge.Encoding;

namespace QrForge.Benchmarks;

/// <summary>
/// W1: 2,000 distinct short-link URLs (33 characters, byte mode) at ECC M. One invocation makes the whole workload; <c>OperationsPerInvoke</c> turns Mean and Allocated into per-code
/// figures. QRCoder is the baseline of each output group.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[Config(typeof(WorkloadConfig))]
public class W1Urls
{
    private const int Codes = Workloads.UrlCount;
    private const Ecc Level = Ecc.M;
    private const QRCodeGenerator.ECCLevel QRCoderLevel = QRCodeGenerator.ECCLevel.M;

    private string[] _inputs = [];

    [GlobalSetup]
    public void Setup() => _inputs = Workloads.Urls();

    [GlobalSetup(Target = nameof(Symbol_QRCoder))]
    public void SetupAndCheck()
    {
        Setup();
        SymbolAgreement.Print("W1", _inputs, Level, QRCoderLevel);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Codes), BenchmarkCategory("Symbol")]
    public long Symbol_QRCoder() => QRCoderContender.Symbols(_inputs, QRCoderLevel);

    [Benchmark(OperationsPerInvoke = Codes), BenchmarkCategory("Symbol")]
    public long Symbol_QrForge() => QrForgeContender.Symbols(_inputs, Level);

    [Benchmark(Baseline = true, OperationsPerInvoke = Codes), BenchmarkCategory("PNG")]
    public long Png_QRCoder() => QRCoderContender.Png(_inputs, QRCoderLevel);

    [Benchmark(OperationsPerInvoke = Codes), BenchmarkCategory("PNG")]
    public long Png_QrForge() => QrForgeContender.Png(_inputs, Level);

    [Benchmark(Baseline = true, OperationsPerInvoke = Codes), BenchmarkCategory("SVG")]
    public long Svg_QRCoder() => QRCoderContender.Svg(_inputs, QRCoderLevel);

    [Benchmark(OperationsPerInvoke = Codes), BenchmarkCategory("SVG")]
    public long Svg_QrForge() => QrForgeContender.Svg(_inputs, Level);
}
