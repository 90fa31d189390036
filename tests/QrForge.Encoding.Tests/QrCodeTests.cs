namespace QrForge.Encoding.Tests;

public class QrCodeTests
{
    [Fact]
    public void EncodeText_HelloWorldQ_IsVersion1Alphanumeric()
    {
        var code = QrCode.EncodeText("HELLO WORLD", Ecc.Q);
        Assert.Equal(1, code.Version);
        Assert.Equal(21, code.Size);
        Assert.Equal(Ecc.Q, code.Ecc);
        Assert.InRange(code.Mask, 0, 7);
        var segment = Assert.Single(code.Segments);
        Assert.Equal(new QrSegmentInfo(QrMode.Alphanumeric, 11, 4 + 9 + 61), segment);
    }

    [Fact]
    public void FinalCodewords_HelloWorld1M_MatchPublishedExample()
    {
        var codewords = SymbolBuilder.FinalCodewords("HELLO WORLD", new QrEncodeOptions { Ecc = Ecc.M }, out var symbol);
        Assert.Equal(1, symbol.Version);
        Assert.Equal(
            [0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
             0xC4, 0x23, 0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17],
            codewords);
    }

    [Fact]
    public void FinalCodewords_Annex01234567_MatchStandardExample()
    {
        var codewords = SymbolBuilder.FinalCodewords("01234567", new QrEncodeOptions { Ecc = Ecc.M }, out _);
        Assert.Equal(
            [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
             0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55],
            codewords);
    }

    [Fact]
    public void FinalCodewords_Version5Q_InterleavesShortAndLongBlocks()
    {
        // 5-Q has 2 blocks of 15 and 2 of 16 data codewords: the 16th codewords come from the long blocks only.
        var text = new string('A', 80);
        var codewords = SymbolBuilder.FinalCodewords(text, new QrEncodeOptions { Ecc = Ecc.Q, MinVersion = 5, MaxVersion = 5 }, out var symbol);
        Assert.Equal(5, symbol.Version);
        Assert.Equal(134, codewords.Length);
    }

    [Fact]
    public void Indexer_OutsideSymbol_IsLight()
    {
        var code = QrCode.EncodeText("x", Ecc.L);
        Assert.False(code[-1, 0]);
        Assert.False(code[0, code.Size]);
        Assert.True(code[0, 0]); // finder pattern corner
        Assert.True(code[8, code.Size - 8]); // the dark module
    }

    [Fact]
    public void GetRow_MatchesIndexer()
    {
        var code = QrCode.EncodeText(new string('9', 1500), Ecc.M); // a version with 2 words per row
        Assert.True(code.WordsPerRow >= 2);
        for (var y = 0; y < code.Size; y++)
        {
            var row = code.GetRow(y);
            for (var x = 0; x < code.Size; x++)
            {
                Assert.Equal(code[x, y], ((row[x >> 6] >> (x & 63)) & 1) != 0);
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => code.GetRow(code.Size));
    }

    [Fact]
    public void EncodeText_SameInput_SameModules()
    {
        var a = QrCode.EncodeText("determinism", Ecc.H);
        var b = QrCode.EncodeText("determinism", Ecc.H);
        Assert.Equal(a.Mask, b.Mask);
        for (var y = 0; y < a.Size; y++)
        {
            Assert.True(a.GetRow(y).SequenceEqual(b.GetRow(y)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void EncodeText_ForcedMask_IsUsed(int mask)
    {
        Assert.Equal(mask, QrCode.EncodeText("mask", new QrEncodeOptions { Mask = mask }).Mask);
    }

    [Fact]
    public void EncodeText_VersionRange_IsHonoured()
    {
        var code = QrCode.EncodeText("a", new QrEncodeOptions { MinVersion = 12, MaxVersion = 14 });
        Assert.Equal(12, code.Version);
        Assert.Equal(65, code.Size);
    }

    [Fact]
    public void EncodeText_BoostEcc_RaisesLevelWithinVersion()
    {
        var plain = QrCode.EncodeText("boost", new QrEncodeOptions { Ecc = Ecc.L });
        var boosted = QrCode.EncodeText("boost", new QrEncodeOptions { Ecc = Ecc.L, BoostEcc = true });
        Assert.Equal(Ecc.L, plain.Ecc);
        Assert.Equal(plain.Version, boosted.Version);
        Assert.Equal(Ecc.H, boosted.Ecc);
    }

    [Fact]
    public void EncodeText_ForcedMode_IsUsedOrRefused()
    {
        var bytes = QrCode.EncodeText("12345", new QrEncodeOptions { Mode = QrMode.Byte });
        Assert.Equal(QrMode.Byte, Assert.Single(bytes.Segments).Mode);
        var error = Assert.Throws<ArgumentException>(() => QrCode.EncodeText("abc", new QrEncodeOptions { Mode = QrMode.Numeric }));
        Assert.Contains("Numeric", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeText_TooLong_ThrowsWithTheNumbers()
    {
        var error = Assert.Throws<DataTooLongException>(() => QrCode.EncodeText(new string('a', 3000), Ecc.L));
        Assert.Equal(4 + 16 + 3000 * 8, error.RequiredBits);
        Assert.Equal(2956 * 8, error.AvailableBits);
        Assert.Equal(40, error.MaxVersion);
        Assert.Contains("24020", error.Message, StringComparison.Ordinal);
        Assert.Contains("23648", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeText_TooLongForMaxVersion_ReportsThatVersion()
    {
        var error = Assert.Throws<DataTooLongException>(() => QrCode.EncodeText(new string('a', 100), new QrEncodeOptions { MaxVersion = 3 }));
        Assert.Equal(3, error.MaxVersion);
        Assert.Equal(44 * 8, error.AvailableBits);
    }

    [Fact]
    public void TryEncodeText_TooLong_ReturnsFalseWithoutThrowing()
    {
        Assert.False(QrCode.TryEncodeText(new string('a', 3000), QrEncodeOptions.Default, out var code));
        Assert.Null(code);
        Assert.True(QrCode.TryEncodeText("fits", QrEncodeOptions.Default, out code));
        Assert.NotNull(code);
    }

    [Theory]
    [InlineData(0, 40)]
    [InlineData(5, 4)]
    [InlineData(1, 41)]
    public void EncodeText_InvalidVersionRange_IsRefused(int min, int max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCode.EncodeText("x", new QrEncodeOptions { MinVersion = min, MaxVersion = max }));
    }

    [Fact]
    public void EncodeText_InvalidOptions_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCode.EncodeText("x", new QrEncodeOptions { Mask = 8 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCode.EncodeText("x", new QrEncodeOptions { Micro = true, Mask = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCode.EncodeText("x", new QrEncodeOptions { Ecc = (Ecc)9 }));
        Assert.Throws<ArgumentException>(() => QrCode.EncodeText("x", new QrEncodeOptions { Micro = true, Eci = 26 }));
        Assert.Throws<ArgumentException>(() => QrCode.EncodeText("x", new QrEncodeOptions { Eci = 899 }));
        Assert.Throws<ArgumentException>(() => QrCode.EncodeText("€", new QrEncodeOptions { Eci = 3 }));
        Assert.Throws<ArgumentException>(() => QrCode.EncodeText("x", new QrEncodeOptions { Fnc1 = QrFnc1.Second, ApplicationIndicator = "100" }));
        Assert.Throws<ArgumentException>(() => QrCode.EncodeText("x", new QrEncodeOptions { Fnc1 = QrFnc1.Second }));
        Assert.Throws<ArgumentNullException>(() => QrCode.EncodeText(null!, Ecc.M));
    }

    [Fact]
    public void EncodeText_Micro_PicksSmallestVersion()
    {
        var m1 = QrCode.EncodeText("12345", new QrEncodeOptions { Micro = true, Ecc = Ecc.L });
        Assert.True(m1.IsMicro);
        Assert.Equal(1, m1.Version);
        Assert.Equal(11, m1.Size);
        Assert.Equal("M1", m1.VersionName);
        var m3 = QrCode.EncodeText("hello", new QrEncodeOptions { Micro = true, Ecc = Ecc.L });
        Assert.Equal(3, m3.Version);
        Assert.InRange(m3.Mask, 0, 3);
    }

    [Fact]
    public void EncodeText_MicroWithLevelH_IsRefusedClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => QrCode.EncodeText("1", new QrEncodeOptions { Micro = true, Ecc = Ecc.H }));
        Assert.Contains("error correction level H", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeText_MicroTooLong_ThrowsDataTooLong()
    {
        var error = Assert.Throws<DataTooLongException>(() => QrCode.EncodeText(new string('1', 40), new QrEncodeOptions { Micro = true }));
        Assert.True(error.IsMicro);
        Assert.Equal(4, error.MaxVersion);
    }

    [Fact]
    public void EncodeText_Eci_AddsDesignatorFirst()
    {
        var code = QrCode.EncodeText("Grüße", new QrEncodeOptions { Eci = 26 });
        Assert.Equal([QrMode.Eci, QrMode.Byte], code.Segments.Select(s => s.Mode));
        Assert.Equal(7, code.Segments[1].CharCount);
    }

    [Theory]
    [InlineData("plain ascii", "Byte")]
    [InlineData("Größe", "Eci,Byte")]
    [InlineData("😀 emoji", "Eci,Byte")]
    [InlineData("東京 Tokyo 2026", "Kanji,Byte,Numeric")]
    [InlineData("漢字テスト", "Kanji")]
    public void EncodeText_DefaultTextEncoding_IsWhatReadersDecode(string text, string modes)
    {
        // Undesignated non-ASCII bytes are guessed by readers (zbar takes short UTF-8 for Shift JIS), so
        // non-ASCII text is kanji where Shift JIS holds all of it, else UTF-8 behind ECI 26.
        var code = QrCode.EncodeText(text, Ecc.M);
        Assert.Equal(modes, string.Join(",", code.Segments.Select(s => s.Mode)));
        if (code.Segments[0].Mode == QrMode.Eci)
        {
            Assert.Equal(12, code.Segments[0].BitLength);
        }
    }

    [Theory]
    [InlineData("～")]
    [InlineData("①")]
    [InlineData("Ⅳ")]
    [InlineData("￢")]
    public void EncodeText_CodePage932OnlyCharacters_AreNotKanji(string text)
    {
        // Readers decode kanji mode by JIS X 0208, where these codes mean something else or nothing.
        var code = QrCode.EncodeText(text, Ecc.M);
        Assert.Equal("Eci,Byte", string.Join(",", code.Segments.Select(s => s.Mode)));
        Assert.Throws<ArgumentException>(() => QrSegment.MakeKanji(text));
    }

    [Fact]
    public void EncodeText_MicroNonAscii_FallsBackToPlainUtf8()
    {
        var code = QrCode.EncodeText("ü", new QrEncodeOptions { Micro = true, Ecc = Ecc.L });
        Assert.Equal(new QrSegmentInfo(QrMode.Byte, 2, 2 + 4 + 16), Assert.Single(code.Segments));
    }

    [Fact]
    public void EncodeText_Gs1_AddsFnc1First()
    {
        var code = QrCode.EncodeText("0104012345678901", new QrEncodeOptions { Fnc1 = QrFnc1.First });
        Assert.Equal(QrMode.Fnc1First, code.Segments[0].Mode);
        Assert.Equal(QrMode.Numeric, code.Segments[1].Mode);
    }

    [Theory]
    [InlineData("a", 197)]
    [InlineData("Z", 190)]
    [InlineData("01", 1)]
    [InlineData("99", 99)]
    public void ApplicationIndicator_LettersAndDigits_AreEncodedPerClause7483(string indicator, int expected)
    {
        Assert.Equal(expected, SegmentWriter.ApplicationIndicatorByte(indicator));
        var code = QrCode.EncodeText("123", new QrEncodeOptions { Fnc1 = QrFnc1.Second, ApplicationIndicator = indicator });
        Assert.Equal(new QrSegmentInfo(QrMode.Fnc1Second, 0, 12), code.Segments[0]);
    }

    [Fact]
    public void EncodeBinary_AllByteValues_UsesByteMode()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var code = QrCode.EncodeBinary(data, Ecc.L);
        var segment = Assert.Single(code.Segments);
        Assert.Equal(QrMode.Byte, segment.Mode);
        Assert.Equal(256, segment.CharCount);
    }

    [Fact]
    public void EncodeSegments_CallerSegments_AreWrittenInOrder()
    {
        QrSegment[] segments = [QrSegment.MakeEci(26), QrSegment.MakeNumeric("123"), QrSegment.MakeUtf8("é"), QrSegment.MakeKanji("漢")];
        var code = QrCode.EncodeSegments(segments, QrEncodeOptions.Default);
        Assert.Equal([QrMode.Eci, QrMode.Numeric, QrMode.Byte, QrMode.Kanji], code.Segments.Select(s => s.Mode));
    }

    [Fact]
    public void EncodeStructuredAppend_Text_SplitsWithHeaders()
    {
        var text = string.Concat(Enumerable.Repeat("structured append ", 20));
        var codes = QrCode.EncodeStructuredAppend(text, 4, QrEncodeOptions.Default);
        Assert.Equal(4, codes.Count);
        Assert.All(codes, c => Assert.Equal(QrMode.StructuredAppend, c.Segments[0].Mode));
        Assert.Equal(text.Length, codes.Sum(c => c.Segments.Skip(1).Sum(s => s.CharCount)));
    }

    [Fact]
    public void EncodeStructuredAppend_AutomaticCount_UsesFewestSymbols()
    {
        var text = new string('x', 500);
        var codes = QrCode.EncodeStructuredAppend(text, 0, new QrEncodeOptions { MaxVersion = 10 });
        Assert.Equal(3, codes.Count); // 10-M holds 213 bytes, less the 20-bit header
        Assert.All(codes, c => Assert.True(c.Version <= 10));
    }

    [Fact]
    public void EncodeStructuredAppend_TooLongFor16_Throws()
    {
        Assert.Throws<DataTooLongException>(() => QrCode.EncodeStructuredAppend(new string('x', 5000), 0, new QrEncodeOptions { MaxVersion = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCode.EncodeStructuredAppend("x", 17, QrEncodeOptions.Default));
        Assert.Throws<ArgumentException>(() => QrCode.EncodeStructuredAppend("x", 1, new QrEncodeOptions { Micro = true }));
    }

    [Fact]
    public void MakeSegment_InvalidCharacters_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => QrSegment.MakeNumeric("12a"));
        Assert.Throws<ArgumentException>(() => QrSegment.MakeAlphanumeric("abc"));
        Assert.Throws<ArgumentException>(() => QrSegment.MakeKanji("A"));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrSegment.MakeEci(1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrSegment.MakeStructuredAppend(16, 16, 0));
    }

    [Fact]
    public void EncodeText_Gs1PercentInByteMode_IsWrittenAsGroupSeparator()
    {
        var codewords = SymbolBuilder.FinalCodewords("abc%", new QrEncodeOptions { Fnc1 = QrFnc1.First }, out _);
        // FNC1 (0101), byte mode (0100), count 4, then the bytes on codeword boundaries.
        Assert.Equal(0x54, codewords[0]);
        Assert.Equal(4, codewords[1]);
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', (byte)'c', 0x1D }, codewords[2..6]);
    }

    [Fact]
    public void MakeSegments_NonAsciiText_FollowsTheDefaultEncoding()
    {
        Assert.Equal([QrMode.Eci, QrMode.Byte], QrSegment.MakeSegments("Größe").Select(s => s.Mode));
        Assert.Equal([QrMode.Kanji], QrSegment.MakeSegments("漢字").Select(s => s.Mode));
        Assert.Equal([QrMode.Byte], QrSegment.MakeSegments("ü", 3, micro: true).Select(s => s.Mode));
    }

    [Fact]
    public void MakeSegments_Text_ReturnsOptimalSegments()
    {
        var segments = QrSegment.MakeSegments("ABC12345678901234xyz");
        Assert.Equal([QrMode.Alphanumeric, QrMode.Numeric, QrMode.Byte], segments.Select(s => s.Mode));
    }
}
