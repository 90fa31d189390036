namespace QrForge.Encoding.Tests;

public class SegmenterTests
{
    [Fact]
    public void Plan_MixedText_CostsFewerBitsThanAnySingleMode()
    {
        const string Text = "ABC12345678901234xyz";
        var code = QrCode.EncodeText(Text, Ecc.M);
        var mixed = code.Segments.Sum(s => s.BitLength);
        var bytesOnly = 4 + 8 + Text.Length * 8;
        Assert.True(mixed < bytesOnly, $"{mixed} bits mixed vs {bytesOnly} in byte mode");
        Assert.Equal([QrMode.Alphanumeric, QrMode.Numeric, QrMode.Byte], code.Segments.Select(s => s.Mode));
        Assert.Equal(30 + 61 + 36, mixed);
    }

    [Theory]
    [InlineData("0123456789", QrMode.Numeric)]
    [InlineData("HELLO WORLD", QrMode.Alphanumeric)]
    [InlineData("hello world", QrMode.Byte)]
    [InlineData("漢字テスト", QrMode.Kanji)]
    public void Plan_SingleModeText_UsesOneSegment(string text, QrMode mode)
    {
        var runs = new List<TextRun>();
        Assert.True(Segmenter.Plan(text, 1, false, allowKanji: true, runs));
        var run = Assert.Single(runs);
        Assert.Equal(mode, run.Mode);
        Assert.Equal(text.Length, run.Length);
    }

    [Fact]
    public void Plan_ShortDigitRunInsideLetters_StaysInByteMode()
    {
        // Switching to numeric for two digits costs a 4-bit indicator and a count field: not worth it.
        var runs = new List<TextRun>();
        Segmenter.Plan("abc12def", 1, false, allowKanji: false, runs);
        Assert.Equal(QrMode.Byte, Assert.Single(runs).Mode);
    }

    [Fact]
    public void Plan_NonAscii_CountsUtf8Bytes()
    {
        var runs = new List<TextRun>();
        Segmenter.Plan("é😀", 1, false, allowKanji: false, runs);
        var run = Assert.Single(runs);
        Assert.Equal(QrMode.Byte, run.Mode);
        Assert.Equal(2 + 4, run.CharCount);
    }

    [Fact]
    public void Plan_MicroM1_AcceptsOnlyDigits()
    {
        var runs = new List<TextRun>();
        Assert.True(Segmenter.Plan("12345", 1, true, allowKanji: false, runs));
        Assert.False(Segmenter.Plan("12A", 1, true, allowKanji: false, runs));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(2, 7)]
    [InlineData(3, 10)]
    [InlineData(8, 27)]
    public void NumericBits_Lengths_FollowClause743(int digits, int bits)
    {
        Assert.Equal(bits, BitCosts.NumericBits(digits));
    }

    [Fact]
    public void Plan_OptimalNeverWorseThanSingleModes_ForRandomTexts()
    {
        var rnd = new Random(7);
        const string Alphabet = "0123456789ABCDEFXYZ $%*+-./:abcxyz";
        for (var i = 0; i < 300; i++)
        {
            var text = new string(Enumerable.Range(0, rnd.Next(1, 60)).Select(_ => Alphabet[rnd.Next(Alphabet.Length)]).ToArray());
            var optimal = QrCode.EncodeText(text, Ecc.L).Segments.Sum(s => s.BitLength);
            Assert.True(optimal <= 12 + text.Length * 8, text);
            if (CharSets.IsAlphanumeric(text))
            {
                Assert.True(optimal <= 13 + BitCosts.AlphanumericBits(text.Length), text);
            }
        }
    }
}
