using System.Diagnostics;
using System.Text.Json;

namespace QrForge.Encoding.Tests;

public class TablesTests
{
    [Theory]
    [InlineData(1, new int[0])]
    [InlineData(2, new[] { 6, 18 })]
    [InlineData(7, new[] { 6, 22, 38 })]
    [InlineData(15, new[] { 6, 26, 48, 70 })]
    [InlineData(32, new[] { 6, 34, 60, 86, 112, 138 })]
    [InlineData(36, new[] { 6, 24, 50, 76, 102, 128, 154 })]
    [InlineData(40, new[] { 6, 30, 58, 86, 114, 142, 170 })]
    public void AlignmentPositions_Versions_MatchTableE1(int version, int[] expected)
    {
        Assert.Equal(expected, Tables.AlignmentPositions(version));
    }

    [Theory]
    [InlineData(1, 17, 14, 11, 7)]
    [InlineData(10, 271, 213, 151, 119)]
    [InlineData(40, 2953, 2331, 1663, 1273)]
    public void DataBits_ByteCapacity_MatchesTable7(int version, int l, int m, int q, int h)
    {
        // Byte mode: 4 mode bits + 8 (v1-9) or 16 count bits, then 8 bits a byte.
        var overhead = 4 + (version <= 9 ? 8 : 16);
        int Capacity(Ecc ecc) => (Tables.DataBits(version, ecc, micro: false) - overhead) / 8;
        Assert.Equal([l, m, q, h], new[] { Capacity(Ecc.L), Capacity(Ecc.M), Capacity(Ecc.Q), Capacity(Ecc.H) });
    }

    [Fact]
    public void EncodeText_Version40LimitsOfTable7_FitExactly()
    {
        Assert.Equal(40, QrCode.EncodeText(new string('1', 7089), Ecc.L).Version);
        Assert.Equal(40, QrCode.EncodeText(new string('A', 4296), Ecc.L).Version);
        Assert.Throws<DataTooLongException>(() => QrCode.EncodeText(new string('1', 7090), Ecc.L));
        Assert.Throws<DataTooLongException>(() => QrCode.EncodeText(new string('A', 4297), Ecc.L));
    }

    [Fact]
    public void Codewords_AllVersionsAndLevels_AgreeWithSegnoTables()
    {
        // segno's tables are an independent transcription of Table 9; compare all 160 + 8 pairs.
        var segno = LoadSegnoEcc();
        var seen = 0;
        for (var v = 1; v <= 40; v++)
        {
            foreach (var ecc in Enum.GetValues<Ecc>())
            {
                var expected = segno[$"{v}-{ecc}"];
                Assert.Equal(expected.Blocks, Tables.BlockCount(v, ecc, false));
                Assert.Equal(expected.Data, Tables.DataCodewords(v, ecc, false));
                Assert.Equal(expected.Total, Tables.TotalCodewords(v, false));
                seen++;
            }
        }

        foreach (var (v, ecc) in new[] { (1, Ecc.L), (2, Ecc.L), (2, Ecc.M), (3, Ecc.L), (3, Ecc.M), (4, Ecc.L), (4, Ecc.M), (4, Ecc.Q) })
        {
            var expected = segno[$"M{v}-{ecc}"];
            Assert.Equal(expected.Data, Tables.DataCodewords(v, ecc, true));
            Assert.Equal(expected.Total, Tables.TotalCodewords(v, true));
            seen++;
        }

        Assert.Equal(168, seen);
    }

    [Fact]
    public void RawDataModules_EveryVersion_EqualsTemplateDataModules()
    {
        for (var v = 1; v <= 40; v++)
        {
            var template = SymbolTemplate.For(v, micro: false);
            Assert.Equal(Tables.RawDataModules(v), template.DataPositions.Length);
            Assert.True(Tables.TotalCodewords(v, false) * 8 <= template.DataPositions.Length);
            Assert.True(template.DataPositions.Length - Tables.TotalCodewords(v, false) * 8 <= 7); // remainder bits
        }

        int[] microData = [0, 36, 80, 132, 192];
        for (var v = 1; v <= 4; v++)
        {
            Assert.Equal(microData[v], SymbolTemplate.For(v, micro: true).DataPositions.Length);
        }
    }

    [Theory]
    [InlineData(QrMode.Numeric, 10, 12, 14)]
    [InlineData(QrMode.Alphanumeric, 9, 11, 13)]
    [InlineData(QrMode.Byte, 8, 16, 16)]
    [InlineData(QrMode.Kanji, 8, 10, 12)]
    public void CharCountBits_VersionClasses_MatchTable3(QrMode mode, int small, int medium, int large)
    {
        Assert.Equal(small, Tables.CharCountBits(mode, 9, false));
        Assert.Equal(medium, Tables.CharCountBits(mode, 10, false));
        Assert.Equal(medium, Tables.CharCountBits(mode, 26, false));
        Assert.Equal(large, Tables.CharCountBits(mode, 27, false));
    }

    [Fact]
    public void CharCountBits_Micro_MatchTable3()
    {
        Assert.Equal([3, 4, 5, 6], Enumerable.Range(1, 4).Select(v => Tables.CharCountBits(QrMode.Numeric, v, true)));
        Assert.Equal([0, 3, 4, 5], Enumerable.Range(1, 4).Select(v => Tables.CharCountBits(QrMode.Alphanumeric, v, true)));
        Assert.Equal([0, 0, 4, 5], Enumerable.Range(1, 4).Select(v => Tables.CharCountBits(QrMode.Byte, v, true)));
        Assert.Equal([0, 0, 3, 4], Enumerable.Range(1, 4).Select(v => Tables.CharCountBits(QrMode.Kanji, v, true)));
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record EccRow(int Blocks, int Total, int Data);

    private static Dictionary<string, EccRow> LoadSegnoEcc()
    {
        const string Script = """
            import json, segno.consts as c
            levels = {'L': c.ERROR_LEVEL_L, 'M': c.ERROR_LEVEL_M, 'Q': c.ERROR_LEVEL_Q, 'H': c.ERROR_LEVEL_H, 'None': None}
            micro = {c.VERSION_M1: 'M1', c.VERSION_M2: 'M2', c.VERSION_M3: 'M3', c.VERSION_M4: 'M4'}
            out = {}
            for v, table in c.ECC.items():
                name = micro.get(v, str(v))
                for lname, level in levels.items():
                    if level in table:
                        rows = table[level]
                        out[f'{name}-{"L" if level is None else lname}'] = {'blocks': sum(r.num_blocks for r in rows),
                            'total': sum(r.num_blocks * r.num_total for r in rows),
                            'data': sum(r.num_blocks * r.num_data for r in rows)}
            print(json.dumps(out))
            """;
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        process.StandardInput.Write(Script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "python3 timed out");
        Assert.True(process.ExitCode == 0, $"segno is needed (Debian python3-segno): {error}");
        return JsonSerializer.Deserialize<Dictionary<string, EccRow>>(output, JsonOptions)!;
    }
}
