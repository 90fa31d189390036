using System.Globalization;
using Xunit.Abstractions;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>
/// Module-for-module agreement with segno 1.4.1, an independent encoder, for symbols whose version, level, mask
/// and mode are all forced (so exactly one symbol is right). segno's two known padding departures from
/// ISO/IEC 18004 §7.4.10 are described on <see cref="SegnoOracle"/> and in docs/testing.md.
/// </summary>
[Collection(OracleTestGroup.Name)]
public sealed class SegnoAgreementTests(OracleFixture fixture, ITestOutputHelper output)
{
    private const int Seed = 7410;

    private static readonly (TextKind Kind, string Mode)[] Modes =
    [
        (TextKind.Numeric, "numeric"), (TextKind.Alphanumeric, "alphanumeric"), (TextKind.Ascii, "byte"), (TextKind.Kanji, "kanji"),
    ];

    [Fact]
    public void ForcedSymbols_ComparedWithSegno_EveryModuleAgrees()
    {
        fixture.EnsureTools();
        var random = new Random(Seed);
        var cases = new List<(QrCode Code, SegnoRequest Request)>();

        for (var version = 1; version <= 40; version++)
        {
            foreach (var ecc in OracleCorpus.Levels)
            {
                for (var m = 0; m < Modes.Length; m++)
                {
                    var mask = (version * 3 + (int)ecc + m) % 8;
                    var share = (version + m) % 3 == 0 ? 1.0 : 0.0; // a third filled to capacity, the rest any length
                    cases.Add(Make(random, Modes[m], version, ecc, mask, micro: false, eci: false, share));
                }
            }

            // UTF-8 in byte mode, with ECI 26 named and by default.
            var level = OracleCorpus.Levels[random.Next(4)];
            cases.Add(Make(random, (TextKind.Mixed, "byte"), version, level, random.Next(8), micro: false, eci: true, 0.0));
            cases.Add(Make(random, (TextKind.Mixed, "byte"), version, level, random.Next(8), micro: false, eci: false, 0.0));
        }

        foreach (var ecc in OracleCorpus.Levels)
        {
            cases.Add(Request(QrCode.EncodeText("", Options(1, ecc, 5, false, QrMode.Byte)), "", "1", ecc.ToString(), 5, "byte", false));
        }

        foreach (var (version, ecc, mode, mask) in MicroCombinations())
        {
            cases.Add(Make(random, mode, version, ecc, mask, micro: true, eci: false, 1.0));
            cases.Add(Make(random, mode, version, ecc, mask, micro: true, eci: false, 0.0));
        }

        var results = fixture.Segno.Make([.. cases.Select(c => c.Request)]);

        var failures = new List<string>();
        int identical = 0, segnoPadM1M3 = 0, segnoBoundary = 0, fullM1M3 = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (code, request) = cases[i];
            var r = results[i];
            var name = $"{code.VersionName}-{code.Ecc} mask {code.Mask} {request.Mode}{(request.Eci ? " ECI 26" : "")} {OracleCase.Show(request.Content)}";
            if (r.Error is not null)
            {
                failures.Add($"{name}: segno refused it: {r.Error}");
                continue;
            }

            var ours = ModuleMatrix.From(code);
            var stock = ModuleMatrix.FromRows(r.Stock!);
            var iso = ModuleMatrix.FromRows(r.Iso!);
            var expectedDesignator = code.IsMicro && code.Version == 1 ? "M1" : $"{code.VersionName}-{code.Ecc}";
            if (r.Designator != expectedDesignator)
            {
                failures.Add($"{name}: segno built {r.Designator}");
                continue;
            }

            var segnoDeviates = stock.Differences(iso).Count > 0;
            var diff = ours.Differences(segnoDeviates ? iso : stock);
            if (diff.Count > 0)
            {
                failures.Add($"{name}: {diff.Count} modules differ from {(segnoDeviates ? "ISO-padded " : "")}segno, first at " +
                    string.Join(" ", diff.Take(6).Select(d => $"({d.X},{d.Y})")));
            }
            else if (!segnoDeviates)
            {
                identical++;
                fullM1M3 += code.IsMicro && code.Version is 1 or 3 ? 1 : 0;
            }
            else if (code.IsMicro && code.Version is 1 or 3)
            {
                segnoPadM1M3++;
            }
            else
            {
                segnoBoundary++;
            }
        }

        output.WriteLine($"segno {fixture.SegnoVersion}: {cases.Count} symbols compared module for module ({cases.Count(c => !c.Code.IsMicro)} QR Code, {cases.Count(c => c.Code.IsMicro)} Micro QR).");
        output.WriteLine($"  {identical} identical to segno as it is ({fullM1M3} of them M1/M3 filled to capacity);");
        output.WriteLine($"  {segnoPadM1M3} M1/M3 with pad codewords and {segnoBoundary} with data ending on a codeword boundary identical to segno with §7.4.10 padding (segno's known departures);");
        output.WriteLine($"  {failures.Count} differ.");
        Assert.True(fullM1M3 > 0, "some M1/M3 symbols need no pad codeword and match segno unchanged");
        Report(failures);
    }

    /// <summary>
    /// §7.4.10 for M1 and M3: unused full data codewords hold the pad codewords 0xEC/0x11 and only the final 4-bit
    /// codeword is 0000, where segno fills all of it with zero bits. QrForge matches segno with that one step
    /// corrected, differs from segno as it is, and ZXing reads the symbols.
    /// </summary>
    [Fact]
    public void MicroM1M3_ShortData_PadCodewordsFollowIsoNotSegno()
    {
        fixture.EnsureTools();
        var cases = new List<(QrCode Code, SegnoRequest Request)>();
        foreach (var mask in new[] { 0, 1, 2, 3 })
        {
            // M1 holds at most 20 bits, so only empty data leaves a full codeword for a pad codeword.
            cases.Add(Request(QrCode.EncodeText("", MicroOptions(1, Ecc.L, mask, QrMode.Numeric)), "", "M1", null, mask, "numeric", false));
            foreach (var ecc in new[] { Ecc.L, Ecc.M })
            {
                cases.Add(Request(QrCode.EncodeText("12345", MicroOptions(3, ecc, mask, QrMode.Numeric)), "12345", "M3", ecc.ToString(), mask, "numeric", false));
                cases.Add(Request(QrCode.EncodeText("AB-1", MicroOptions(3, ecc, mask, QrMode.Alphanumeric)), "AB-1", "M3", ecc.ToString(), mask, "alphanumeric", false));
                cases.Add(Request(QrCode.EncodeText("qr", MicroOptions(3, ecc, mask, QrMode.Byte)), "qr", "M3", ecc.ToString(), mask, "byte", false));
                cases.Add(Request(QrCode.EncodeText("漢", MicroOptions(3, ecc, mask, QrMode.Kanji)), "漢", "M3", ecc.ToString(), mask, "kanji", false));
            }
        }

        var results = fixture.Segno.Make([.. cases.Select(c => c.Request)]);
        var decoded = OracleRun.Decode(fixture,
            [.. cases.Select(c => new OracleCase { Name = c.Request.Content, Symbols = [c.Code], Text = c.Request.Content, Zbar = false })],
            "MicroQRCode");

        for (var i = 0; i < cases.Count; i++)
        {
            var (code, request) = cases[i];
            var name = $"{code.VersionName}-{code.Ecc} mask {code.Mask} {OracleCase.Show(request.Content)}";
            Assert.True(results[i].Error is null, $"{name}: {results[i].Error}");
            var ours = ModuleMatrix.From(code);
            Assert.True(ours.Differences(ModuleMatrix.FromRows(results[i].Iso!)).Count == 0, $"{name}: differs from segno with §7.4.10 padding");
            Assert.True(ours.Differences(ModuleMatrix.FromRows(results[i].Stock!)).Count > 0, $"{name}: identical to segno's zero fill");
            Assert.True(OracleRun.CheckZxing(decoded[i]) is null, $"{name}: {OracleRun.CheckZxing(decoded[i])}");
        }

        output.WriteLine($"{cases.Count} M1/M3 symbols with pad codewords: ISO padding confirmed against segno, all read by ZXing.");
    }

    /// <summary>The comparison's own negative control: one flipped module is one difference.</summary>
    [Fact]
    public void OneFlippedModule_ComparedWithSegno_IsTheOnlyDifference()
    {
        fixture.EnsureTools();
        var code = QrCode.EncodeText("HELLO SEGNO 42", Options(2, Ecc.Q, 6, false, QrMode.Alphanumeric));
        var result = fixture.Segno.Make([new SegnoRequest("HELLO SEGNO 42", "2", "Q", 6, "alphanumeric", false)])[0];
        var segno = ModuleMatrix.FromRows(result.Stock!);

        var ours = ModuleMatrix.From(code);
        Assert.Empty(ours.Differences(segno));
        ours[20, 20] = !ours[20, 20];
        Assert.Equal([(20, 20)], ours.Differences(segno));
    }

    private static IEnumerable<(int Version, Ecc Ecc, (TextKind, string) Mode, int Mask)> MicroCombinations()
    {
        for (var version = 1; version <= 4; version++)
        {
            foreach (var ecc in OracleCorpus.Levels)
            {
                if (!Properties.IsoTables.Exists(version, ecc, micro: true))
                {
                    continue;
                }

                foreach (var mode in Modes)
                {
                    if (Properties.IsoTables.CountBits(OracleCorpus.ForcedMode(mode.Kind)!.Value, version, micro: true) == 0)
                    {
                        continue;
                    }

                    for (var mask = 0; mask < 4; mask++)
                    {
                        yield return (version, ecc, mode, mask);
                    }
                }
            }
        }
    }

    private static (QrCode, SegnoRequest) Make(Random random, (TextKind Kind, string Mode) mode, int version, Ecc ecc, int mask, bool micro, bool eci, double share)
    {
        var qrMode = mode.Mode switch { "numeric" => QrMode.Numeric, "alphanumeric" => QrMode.Alphanumeric, "byte" => QrMode.Byte, _ => QrMode.Kanji };
        var o = Options(version, ecc, mask, micro, qrMode) with { Eci = eci ? 26 : null };
        var text = mode.Kind == TextKind.Mixed
            ? OracleCorpus.Fill(random, o, n => string.Join(' ', Enumerable.Range(0, n / 3 + 1).Select(_ => OracleCorpus.NonLatinWords[random.Next(OracleCorpus.NonLatinWords.Length)])), share)
            : OracleCorpus.Fill(random, o, n => OracleCorpus.Text(random, mode.Kind, n), share);
        var code = QrCode.EncodeText(text, o);
        var versionName = micro ? "M" + version.ToString(CultureInfo.InvariantCulture) : version.ToString(CultureInfo.InvariantCulture);
        // QrForge writes non-ASCII byte-mode text behind ECI 26 whether or not the caller names it (QR Code only).
        var designated = eci || (!micro && qrMode == QrMode.Byte && !System.Text.Ascii.IsValid(text));
        return Request(code, text, versionName, micro && version == 1 ? null : ecc.ToString(), mask, mode.Mode, designated);
    }

    private static (QrCode, SegnoRequest) Request(QrCode code, string text, string version, string? error, int mask, string mode, bool eci) =>
        (code, new SegnoRequest(text, version, error, mask, mode, eci));

    private static QrEncodeOptions Options(int version, Ecc ecc, int mask, bool micro, QrMode mode) => new()
    {
        Ecc = ecc,
        MinVersion = version,
        MaxVersion = version,
        Mask = mask,
        Mode = mode,
        Micro = micro,
    };

    private static QrEncodeOptions MicroOptions(int version, Ecc ecc, int mask, QrMode mode) => Options(version, ecc, mask, true, mode);

    private void Report(List<string> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var message = $"{failures.Count} symbols differ from segno:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(25)) +
            (failures.Count > 25 ? $"{Environment.NewLine}… and {failures.Count - 25} more" : "");
        output.WriteLine(message);
        Assert.Fail(message);
    }
}
