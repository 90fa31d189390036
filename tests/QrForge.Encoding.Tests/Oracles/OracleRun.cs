using System.Globalization;
using System.Text;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>One image for the decoders and what they must read from it.</summary>
internal sealed record OracleCase
{
    /// <summary>What was encoded and how, for failure messages.</summary>
    public required string Name { get; init; }

    /// <summary>The symbol, or a structured append sequence drawn in one image.</summary>
    public required IReadOnlyList<QrCode> Symbols { get; init; }

    /// <summary>The text the decoders must return, exactly; null when <see cref="Bytes"/> is checked instead.</summary>
    public string? Text { get; init; }

    /// <summary>The data bytes the decoders must return (binary payloads, compared before any character set).</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>Whether zbar is asked too: zbar does not read Micro QR nor ECI 25 (UTF-16BE).</summary>
    public bool Zbar { get; init; } = true;

    /// <summary>The AIM symbology identifier ZXing must report: ]Q1, ]Q3 (FNC1 first) or ]Q5 (FNC1 second).</summary>
    public string Identifier { get; init; } = "]Q1";

    /// <summary>Modules drawn instead of the symbol's own (damaged copies for the negative control).</summary>
    public ModuleMatrix? Modules { get; init; }

    public string Expected => Text is not null ? Show(Text) : "bytes " + Convert.ToHexString(Bytes!);

    public static string Show(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            if (sb.Length > 120)
            {
                sb.Append('…');
                break;
            }

            sb.Append(rune.Value is < 0x20 or 0x7F ? string.Create(CultureInfo.InvariantCulture, $"\\x{rune.Value:X2}") : rune.ToString());
        }

        return sb.Append('"').ToString();
    }
}

/// <summary>What each decoder returned for one case.</summary>
internal sealed record OracleOutcome(OracleCase Case, byte[]? Zbar, IReadOnlyList<ZxingSymbol> Zxing);

/// <summary>Writes the cases' images in batches, runs both decoders on each batch side by side, and deletes the images.</summary>
internal static class OracleRun
{
    private const int BatchSize = 100;

    public static List<OracleOutcome> Decode(OracleFixture fixture, IReadOnlyList<OracleCase> cases, string zxingFormat = "QRCode")
    {
        var zbar = fixture.Zbar;
        var zxing = fixture.Zxing;
        var outcomes = new List<OracleOutcome>(cases.Count);
        for (var start = 0; start < cases.Count; start += BatchSize)
        {
            var batch = cases.Skip(start).Take(BatchSize).ToList();
            var dir = fixture.NewBatchDirectory();
            try
            {
                var paths = new string[batch.Count];
                Parallel.For(0, batch.Count, i =>
                {
                    var c = batch[i];
                    paths[i] = Path.Combine(dir, (start + i).ToString("D5", CultureInfo.InvariantCulture) + ".pgm");
                    Pgm.Write(paths[i], c.Modules is { } m ? [m] : [.. c.Symbols.Select(ModuleMatrix.From)]);
                });

                var textIndices = Enumerable.Range(0, batch.Count).Where(i => batch[i].Zbar && batch[i].Bytes is null).ToList();
                var binaryIndices = Enumerable.Range(0, batch.Count).Where(i => batch[i].Zbar && batch[i].Bytes is not null).ToList();
                var zbarText = Task.Run(() => zbar.Decode([.. textIndices.Select(i => paths[i])], binary: false));
                var zbarBinary = Task.Run(() => zbar.Decode([.. binaryIndices.Select(i => paths[i])], binary: true));
                var zxingAll = zxing.Decode(paths, zxingFormat);

                var zbarResults = new byte[]?[batch.Count];
                Scatter(textIndices, zbarText.GetAwaiter().GetResult(), zbarResults);
                Scatter(binaryIndices, zbarBinary.GetAwaiter().GetResult(), zbarResults);
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes.Add(new OracleOutcome(batch[i], zbarResults[i], zxingAll[i]));
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        return outcomes;
    }

    private static void Scatter(List<int> indices, IReadOnlyList<byte[]?> results, byte[]?[] into)
    {
        for (var k = 0; k < indices.Count; k++)
        {
            into[indices[k]] = results[k];
        }
    }

    /// <summary>Why zbar's answer is wrong, or null when it is exactly the expected text or bytes.</summary>
    public static string? CheckZbar(OracleOutcome o)
    {
        var c = o.Case;
        var expected = c.Bytes ?? TextEncoding.UTF8.GetBytes(c.Text!);
        if (o.Zbar is null)
        {
            return "zbar found no symbol";
        }

        return o.Zbar.AsSpan().SequenceEqual(expected)
            ? null
            : "zbar read " + (c.Bytes is null ? OracleCase.Show(TextEncoding.UTF8.GetString(o.Zbar)) : "bytes " + Convert.ToHexString(o.Zbar));
    }

    /// <summary>Why ZXing's answer for a single-symbol case is wrong, or null when text, identifier and level all match.</summary>
    public static string? CheckZxing(OracleOutcome o)
    {
        var c = o.Case;
        if (o.Zxing.Count != 1)
        {
            return o.Zxing.Count == 0 ? "ZXing found no symbol" : $"ZXing found {o.Zxing.Count} symbols";
        }

        var s = o.Zxing[0];
        var problems = new List<string>();
        if (c.Bytes is not null ? !s.Bytes.AsSpan().SequenceEqual(c.Bytes) : s.Text != c.Text)
        {
            problems.Add("ZXing read " + (c.Bytes is null ? OracleCase.Show(s.Text) : "bytes " + Convert.ToHexString(s.Bytes)));
        }

        if (s.Identifier != c.Identifier)
        {
            problems.Add($"ZXing identifier {s.Identifier}, expected {c.Identifier}");
        }

        var symbol = c.Symbols[0];
        var format = symbol.IsMicro ? "MicroQRCode" : "QRCode";
        if (s.Format != format)
        {
            problems.Add($"ZXing format {s.Format}, expected {format}");
        }

        // M1 has error detection only; ZXing has no level to report for it.
        if (!(symbol.IsMicro && symbol.Version == 1) && s.EcLevel != symbol.Ecc.ToString())
        {
            problems.Add($"ZXing EC level {s.EcLevel}, expected {symbol.Ecc}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
