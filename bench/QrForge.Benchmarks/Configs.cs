using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using QrForge.Encoding;

namespace QrForge.Benchmarks;

/// <summary>
/// For the workload classes: a Codes/s column, one table group per output (Symbol, PNG, SVG) with QRCoder as each
/// group's baseline, and ratios written as "10.00x faster" rather than "0.10".
/// </summary>
public sealed class WorkloadConfig : ManualConfig
{
    public WorkloadConfig()
    {
        AddColumn(CodesPerSecondColumn.Instance);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
    }
}

/// <summary>For <see cref="W1SymbolAllocation"/>: Codes/s and the bytes allocated beyond the returned symbol.</summary>
public sealed class AllocationConfig : ManualConfig
{
    public AllocationConfig()
    {
        AddColumn(CodesPerSecondColumn.Instance);
        AddColumn(new BeyondResultColumn(() => SymbolFootprint.Mean(Workloads.Urls(), Ecc.M)));
    }
}
