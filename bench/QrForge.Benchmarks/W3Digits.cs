using BenchmarkDotNet.Attributes;
using QRCoder;
using QrForge.Encoding;

namespace QrForge.Benchmarks;

/// <summary>
/// W3: 500 distinct 300-digit numeric strings at ECC L. One invocation makes the whole workload; <c>OperationsPerInvoke</c> turns Mean and Allocated into per-code
/// figures. QRCoder is the baseline of each output group.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[Config(typeof(WorkloadConfig))]
public class W3Digits
{
    private const int Codes = Workloads.DigitsCount;
    private const Ecc Level = Ecc.L;
    private const QRCodeGenerator.ECCLevel QRCoderLevel = QRCodeGenerator.ECCLevel.L;

    private string[] _inputs = [];

    [GlobalSetup]
    public void Setup() => _inputs = Workloads.Digits();

    [GlobalSetup(Target = nameof(Symbol_QRCoder))]
    public void SetupAndCheck()
    {
        Setup();
        SymbolAgreement.Print("W3", _inputs, Level, QRCoderLevel);
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
