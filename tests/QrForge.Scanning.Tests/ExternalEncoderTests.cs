using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

/// <summary>Symbols made by other encoders (Debian's qrencode and python3-segno) in the test run, read exactly.</summary>
public class ExternalEncoderTests
{
    public static TheoryData<int, string> QrencodeCases()
    {
        var data = new TheoryData<int, string>();
        foreach (var version in new[] { 1, 2, 4, 7, 10, 15, 22, 27, 33, 40 })
        {
            foreach (var level in new[] { "L", "M", "Q", "H" })
            {
                data.Add(version, level);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(QrencodeCases))]
    public void Read_QrencodePng_ReturnsText(int version, string level)
    {
        using var temp = Tools.TempDirectory();
        var text = version < 3 ? $"qr{version}{level}" : version < 7 ? $"qrencode {version}{level}" : $"qrencode v{version}-{level} https://example.com/{new string('a', version * 2)}";
        var file = temp.File("q.png");
        Tools.Run("qrencode", "-o", file, "-s", version > 20 ? "2" : "3", "-l", level, "-v", version.ToString(System.Globalization.CultureInfo.InvariantCulture), text);

        var symbol = Assert.Single(Scanner.Read(File.ReadAllBytes(file)).Symbols);

        Assert.Equal(text, symbol.Text);
        Assert.Equal(version, symbol.Version);
        Assert.Equal(Enum.Parse<Ecc>(level), symbol.Ecc);
    }

    [Fact]
    public void Read_QrencodeKanji_ReturnsText()
    {
        using var temp = Tools.TempDirectory();
        var file = temp.File("k.png");

        // qrencode reads kanji as Shift JIS bytes.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(temp.File("k.txt"), System.Text.Encoding.GetEncoding("shift_jis").GetBytes("漢字モードのテスト"));
        Tools.Run("qrencode", "-o", file, "-k", "-r", temp.File("k.txt"));

        Assert.Equal("漢字モードのテスト", Assert.Single(Scanner.Read(File.ReadAllBytes(file)).Symbols).Text);
    }

    [Fact]
    public void ReadAll_QrencodeStructuredAppend_JoinsMessage()
    {
        using var temp = Tools.TempDirectory();
        var text = string.Concat(Enumerable.Repeat("structured append from qrencode ", 8));
        Tools.Run("qrencode", "-S", "-v", "3", "-o", temp.File("sa.png"), text);
        var files = Directory.GetFiles(temp.Path, "sa-*.png").Order().Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f)).ToList();

        var result = Scanner.ReadAll(files);

        Assert.True(files.Count > 1);
        var message = Assert.Single(result.Messages);
        Assert.True(message.IsComplete);
        Assert.Equal(text, message.Text);
    }

    public static TheoryData<int, string, int> SegnoCases()
    {
        var data = new TheoryData<int, string, int>();
        var mask = 0;
        foreach (var version in new[] { 1, 3, 6, 7, 9, 12, 18, 25, 32, 40 })
        {
            foreach (var level in new[] { "L", "M", "Q", "H" })
            {
                data.Add(version, level, mask++ % 8);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SegnoCases))]
    public void Read_SegnoPng_ReturnsTextAndMask(int version, string level, int mask)
    {
        using var temp = Tools.TempDirectory();
        var text = version < 3 ? "SEGNO" : version < 7 ? $"segno {version}{level}" : $"segno {version}{level} ünïcode 12345678901234567890";
        var file = temp.File("s.png");
        Tools.Run(Tools.Python, "-c",
            "import sys, segno; segno.make(sys.argv[1], version=int(sys.argv[2]), error=sys.argv[3], mask=int(sys.argv[4]), boost_error=False).save(sys.argv[5], scale=3)",
            text, version.ToString(System.Globalization.CultureInfo.InvariantCulture), level, mask.ToString(System.Globalization.CultureInfo.InvariantCulture), file);

        var symbol = Assert.Single(Scanner.Read(File.ReadAllBytes(file)).Symbols);

        Assert.Equal(text, symbol.Text);
        Assert.Equal(version, symbol.Version);
        Assert.Equal(mask, symbol.Mask);
        Assert.Equal(Enum.Parse<Ecc>(level), symbol.Ecc);
    }
}
