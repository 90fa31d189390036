using System.Globalization;
using QRCoder;
using QrForge.Encoding;

namespace QrForge.Benchmarks;

/// <summary>
/// Checks that the two libraries do comparable work on a workload: how often they pick the same version (so the
/// same number of modules to place, mask and draw) and how often their modules are identical (same mask too).
/// Printed once per workload, from the QRCoder symbol benchmark's setup, into the BenchmarkDotNet log.
/// </summary>
public static class SymbolAgreement
{
    /// <summary>Encodes every input with both libraries and writes one summary line to the console.</summary>
    public static void Print(string workload, string[] inputs, Ecc ecc, QRCodeGenerator.ECCLevel level)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var versions = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int sameVersion = 0, sameModules = 0;
        foreach (var text in inputs)
        {
            var ours = QrCode.EncodeText(text, ecc);
            using var theirs = QRCodeGenerator.GenerateQrCode(text, level);
            var key = string.Create(CultureInfo.InvariantCulture, $"{ours.Version}/{theirs.Version}");
            versions[key] = versions.GetValueOrDefault(key) + 1;
            if (ours.Version == theirs.Version)
            {
                sameVersion++;
                if (SameModules(ours, theirs))
                {
                    sameModules++;
                }
            }
        }

        var histogram = string.Join(", ", versions.Select(v => $"{v.Key} ×{v.Value}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {workload}: {inputs.Length} inputs; same version {sameVersion}, identical modules {sameModules}; versions QrForge/QRCoder: {histogram}"));
    }

    // QRCoder's matrix includes its 4-module quiet zone; QrForge's symbol does not.
    private static bool SameModules(QrCode ours, QRCodeData theirs)
    {
        const int QuietZone = 4;
        for (var y = 0; y < ours.Size; y++)
        {
            var row = theirs.ModuleMatrix[y + QuietZone];
            for (var x = 0; x < ours.Size; x++)
            {
                if (ours[x, y] != row[x + QuietZone])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
