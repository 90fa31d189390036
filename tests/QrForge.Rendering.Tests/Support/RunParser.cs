using System.Globalization;
using System.Text.RegularExpressions;

namespace QrForge.Rendering.Tests.Support;

/// <summary>Reads merged runs back into the set of modules they cover, so outputs can be compared with the symbol.</summary>
internal static partial class RunParser
{
    /// <summary>SVG path data made only of <c>M x y h n v1 h-n z</c> runs; fails on anything else.</summary>
    public static HashSet<(int X, int Y)> SvgRuns(string d)
    {
        var set = new HashSet<(int, int)>();
        var consumed = 0;
        foreach (Match m in SvgRun().Matches(d))
        {
            Assert.Equal(consumed, m.Index);
            consumed += m.Length;
            int x = Int(m.Groups[1]), y = Int(m.Groups[2]), n = Int(m.Groups[3]);
            Assert.Equal(n, Int(m.Groups[4]));
            AddRun(set, x, y, n);
        }

        Assert.Equal(d.Length, consumed);
        return set;
    }

    /// <summary>The one-module-high <c>x y n 1 re</c> rectangles of a PDF content stream or EPS body.</summary>
    public static HashSet<(int X, int Y)> OperatorRuns(string text)
    {
        var set = new HashSet<(int, int)>();
        foreach (Match m in OperatorRun().Matches(text))
        {
            AddRun(set, Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3]));
        }

        return set;
    }

    private static void AddRun(HashSet<(int, int)> set, int x, int y, int n)
    {
        Assert.True(n > 0);
        for (var i = 0; i < n; i++)
        {
            Assert.True(set.Add((x + i, y)), "runs overlap");
        }
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-(\d+)z")]
    private static partial Regex SvgRun();

    [GeneratedRegex(@"(?m)^(\d+) (\d+) (\d+) 1 re$")]
    private static partial Regex OperatorRun();
}
