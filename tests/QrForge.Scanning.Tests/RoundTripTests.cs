using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

public class RoundTripTests
{
    public static TheoryData<int, Ecc> VersionsAndLevels()
    {
        var data = new TheoryData<int, Ecc>();
        for (var version = 1; version <= 40; version++)
        {
            foreach (var ecc in Enum.GetValues<Ecc>())
            {
                data.Add(version, ecc);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VersionsAndLevels))]
    public void Read_EveryVersionAndLevel_ReturnsTextVersionAndLevel(int version, Ecc ecc)
    {
        var text = version < 3 ? $"v{version}{ecc}" : $"QrForge v{version} {ecc} " + new string('x', version * 3);
        var code = QrCode.EncodeText(text, new QrEncodeOptions { Ecc = ecc, MinVersion = version, MaxVersion = 40 });
        Assert.Equal(version, code.Version);

        var result = Raster.Read(code, scale: version > 20 ? 2 : 3);

        Assert.True(result.IsSuccess, result.Error);
        var symbol = Assert.Single(result.Symbols);
        Assert.Equal(text, symbol.Text);
        Assert.Equal(version, symbol.Version);
        Assert.Equal(ecc, symbol.Ecc);
        Assert.Equal(code.Mask, symbol.Mask);
        Assert.Equal(0, symbol.CorrectedCodewords);
    }
}
