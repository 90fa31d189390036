using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace QrForge.Benchmarks;

/// <summary>
/// Codes per second on one thread, 1 s / Mean. Every benchmark here declares its codes per invocation with
/// <c>OperationsPerInvoke</c>, so BenchmarkDotNet's Mean and Allocated are already per code.
/// </summary>
public sealed class CodesPerSecondColumn : IColumn
{
    /// <summary>The column.</summary>
    public static readonly IColumn Instance = new CodesPerSecondColumn();

    public string Id => nameof(CodesPerSecondColumn);

    public string ColumnName => "Codes/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Codes made per second on one thread (1 s / Mean; Mean is per code)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return nanoseconds is > 0 ? (1e9 / nanoseconds.Value).ToString("N0", CultureInfo.InvariantCulture) : "NA";
    }
}

/// <summary>
/// Bytes allocated per code beyond the returned symbol: BenchmarkDotNet's Allocated minus the symbol's own
/// footprint, which <see cref="SymbolFootprint"/> measures in the host process for the same inputs.
/// </summary>
/// <param name="resultBytes">Mean bytes of one returned symbol; evaluated once, when the summary is printed.</param>
public sealed class BeyondResultColumn(Func<double> resultBytes) : IColumn
{
    private readonly Lazy<double> _resultBytes = new(resultBytes);

    public string Id => nameof(BeyondResultColumn);

    public string ColumnName => "Beyond result";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Metric;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => $"Allocated per code minus the returned symbol itself ({_resultBytes.Value:F1} B: object, module words, segment array); target < 1 KB";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null || report.ResultStatistics is null)
        {
            return "NA";
        }

        var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        if (allocated is null)
        {
            return "NA";
        }

        // Whole bytes, like Allocated; rounding first also avoids printing "-0" when the two agree.
        var beyond = (long)Math.Round(allocated.Value - _resultBytes.Value);
        return beyond.ToString(CultureInfo.InvariantCulture) + " B";
    }
}
