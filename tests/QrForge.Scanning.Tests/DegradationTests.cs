using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace QrForge.Scanning.Tests;

/// <summary>
/// The degradation table: QrForge, zbarimg and ZXingReader read the same generated images in the same run. QrForge
/// must match or beat the better peer on every row, except the rows in <see cref="Floors"/>, where it falls short of
/// a peer and must keep at least the count it reached (see docs/scanning.md).
/// </summary>
public class DegradationTests(ITestOutputHelper output)
{
    // Rows where QrForge reads fewer than the better peer: the count reached, so a regression fails.
    private static readonly Dictionary<string, int> Floors = new()
    {
    };

    [Fact]
    public void Degradations_QrForgeAgainstZbarAndZxing_MatchesOrBeatsBetterPeer()
    {
        using var temp = Tools.TempDirectory();
        var images = DegradedSet.Build();
        var paths = new Dictionary<DegradedImage, string>();
        foreach (var image in images)
        {
            var path = temp.File($"{image.Name}.{image.Extension}");
            File.WriteAllBytes(path, image.File);
            paths[image] = path;
        }

        var zxing = ZxingResults(paths.Values);
        var table = new StringBuilder();
        table.AppendLine("| degradation | images | QrForge | zbarimg | ZXingReader |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        var shortfalls = new List<string>();
        foreach (var group in images.GroupBy(i => i.Degradation))
        {
            int ours = 0, zbar = 0, zx = 0;
            foreach (var image in group)
            {
                var result = Scanner.Read(image.File);
                ours += result.Symbols.Any(s => s.Text == image.Expected) ? 1 : 0;
                var zbarOutput = Tools.Run("zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", paths[image]], out _);
                zbar += zbarOutput.TrimEnd('\n') == image.Expected ? 1 : 0;
                zx += zxing.TryGetValue(paths[image], out var texts) && texts.Contains(image.Expected) ? 1 : 0;
            }

            var count = group.Count();
            table.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {count} | {ours} | {zbar} | {zx} |");
            var required = Floors.TryGetValue(group.Key, out var floor) ? floor : Math.Max(zbar, zx);
            if (ours < required)
            {
                shortfalls.Add($"{group.Key}: QrForge {ours} < {required} (zbar {zbar}, ZXing {zx})");
            }
        }

        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "qrforge-degradation-table.md"), table.ToString());
        Assert.True(shortfalls.Count == 0, string.Join("; ", shortfalls) + "\n" + table);
    }

    /// <summary>Runs ZXingReader once over all files; its one-line mode prints "file" then the escaped text per symbol.</summary>
    internal static Dictionary<string, List<string>> ZxingResults(IEnumerable<string> files)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var file in files)
        {
            var text = Tools.Run("ZXingReader", ["-format", "QRCode", "-bytes", file], out var exit);
            result[file] = exit == 0 && text.Length > 0 ? [text] : [];
        }

        return result;
    }
}
