using BenchmarkDotNet.Attributes;
using QRCoder;
using QrForge.Encoding;

namespace QrForge.Benchmarks;

/// <summary>
/// W2: 500 distinct 500-character printable-ASCII payloads at ECC H. One invocation makes the whole workload; <c>OperationsPerInvoke</c> turns Mean and Allocated into per-code
/// figures. QRCoder is the baseline of each output group.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[Config(typeof(WorkloadConfig))]
public class W2Text
{
    private const int Codes = Workloads.TextCount;
    private const Ecc Level = Ecc.H;
    private const QRCodeGenerator.ECCLevel QRCoderLevel = QRCodeGenerator.ECCLevel.H;

    private string[] _inputs = [];

    [GlobalSetup]
    public void Setup() => _inputs = Workloads.Text();

    [GlobalSetup(Target = nameof(Symbol_QRCoder))]
    public void SetupAndCheck()
    {
        Setup();
        SymbolAgreement.Print("W2", _inputs, Level, QRCoderLevel);
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
