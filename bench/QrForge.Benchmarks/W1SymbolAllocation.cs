using BenchmarkDotNet.Attributes;
using QrForge.Encoding;

namespace QrForge.Benchmarks;

/// <summary>
/// QrForge alone, one W1 URL per invocation, for the bytes one symbol costs. The target is under 1 KB per code
/// beyond the returned symbol, which the Beyond result column reports.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AllocationConfig))]
public class W1SymbolAllocation
{
    private string[] _inputs = [];
    private int _next;

    [GlobalSetup]
    public void Setup() => _inputs = Workloads.Urls();

    /// <summary>Encodes the next URL of W1 (cycling); returns the symbol so it cannot be optimised away.</summary>
    [Benchmark]
    public QrCode Encode()
    {
        var text = _inputs[_next];
        _next = _next + 1 == _inputs.Length ? 0 : _next + 1;
        return QrCode.EncodeText(text, Ecc.M);
    }
}
