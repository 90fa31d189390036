using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

public class FeatureTests
{
    [Theory]
    [InlineData(QrMode.Numeric, "0123456789012345678")]
    [InlineData(QrMode.Alphanumeric, "HELLO WORLD $%*+-./:0")]
    [InlineData(QrMode.Byte, "héllo, wörld ✓")]
    [InlineData(QrMode.Kanji, "漢字テスト")]
    public void Read_ForcedMode_ReturnsText(QrMode mode, string text)
    {
        var code = QrCode.EncodeText(text, new QrEncodeOptions { Mode = mode });

        var symbol = Assert.Single(Raster.Read(code).Symbols);

        Assert.Equal(text, symbol.Text);
    }

    [Fact]
    public void Read_MixedSegments_ReturnsText()
    {
        const string text = "ABC123456789012345漢字テストhello/HELLO 0000000000000";
        var code = QrCode.EncodeText(text, Ecc.M);

        Assert.True(code.Segments.Count > 1);
        Assert.Equal(text, Assert.Single(Raster.Read(code).Symbols).Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Read_EveryMask_ReturnsMask(int mask)
    {
        var code = QrCode.EncodeText("mask test 0123456789", new QrEncodeOptions { Mask = mask, MinVersion = 8 });

        var symbol = Assert.Single(Raster.Read(code).Symbols);

        Assert.Equal(mask, symbol.Mask);
        Assert.Equal("mask test 0123456789", symbol.Text);
    }

    [Theory]
    [InlineData(26, "UTF-8 ünïcödé ✓")]
    [InlineData(3, "Latin-1 café")]
    [InlineData(20, "シフトJIS")]
    [InlineData(25, "UTF-16 Ω≈ç√")]
    public void Read_Eci_DecodesInItsCharset(int eci, string text)
    {
        var code = QrCode.EncodeText(text, new QrEncodeOptions { Eci = eci, Mode = QrMode.Byte });

        var symbol = Assert.Single(Raster.Read(code).Symbols);

        Assert.Equal(eci, symbol.Eci);
        Assert.Equal(text, symbol.Text);
    }

    [Fact]
    public void Read_BinaryData_ReturnsBytes()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var code = QrCode.EncodeBinary(data, Ecc.Q);

        var symbol = Assert.Single(Raster.Read(code).Symbols);

        Assert.Equal(data, symbol.Data.ToArray());
    }

    [Fact]
    public void Read_Gs1Fnc1First_MapsPercentToGroupSeparator()
    {
        var code = QrCode.EncodeText("01095011010209171719050810ABCD1234%2110", new QrEncodeOptions { Fnc1 = QrFnc1.First });

        var symbol = Assert.Single(Raster.Read(code).Symbols);

        Assert.Equal(QrFnc1.First, symbol.Fnc1);
        Assert.Contains('\u001D', symbol.Text);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("37")]
    public void Read_Fnc1Second_ReturnsApplicationIndicator(string indicator)
    {
        var code = QrCode.EncodeText("ABC123", new QrEncodeOptions { Fnc1 = QrFnc1.Second, ApplicationIndicator = indicator });

        var symbol = Assert.Single(Raster.Read(code).Symbols);

        Assert.Equal(QrFnc1.Second, symbol.Fnc1);
        Assert.Equal(indicator, symbol.ApplicationIndicator);
        Assert.Equal("ABC123", symbol.Text);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(16)]
    public void Join_StructuredAppendSequence_RebuildsMessage(int count)
    {
        var text = string.Concat(Enumerable.Repeat("Structured append joins ünïcode parts. ", 12));
        var codes = QrCode.EncodeStructuredAppend(text, count, new QrEncodeOptions { Ecc = Ecc.M });
        var images = codes.Select(c => Raster.Render(c, scale: 2)).Reverse().ToArray();

        var symbols = images.SelectMany(i => Raster.Read(i).Symbols).ToList();
        var message = Assert.Single(Scanner.Join(symbols));

        Assert.Equal(count, symbols.Count);
        Assert.All(symbols, s => Assert.Equal(count, s.StructuredAppend!.Count));
        Assert.Equal(Enumerable.Range(1, count), message.Symbols.Select(s => s.StructuredAppend!.Position));
        Assert.True(message.IsComplete);
        Assert.True(message.ParityMatches);
        Assert.Equal(text, message.Text);
    }

    [Fact]
    public void Join_MissingPart_ReportsIncomplete()
    {
        var codes = QrCode.EncodeStructuredAppend("part one, part two, part three", 3, new QrEncodeOptions());
        var symbols = codes.Take(2).SelectMany(c => Raster.Read(c).Symbols);

        var message = Assert.Single(Scanner.Join(symbols));

        Assert.False(message.IsComplete);
    }

    [Fact]
    public void Read_SeveralSymbolsInOneImage_ReturnsAll()
    {
        var texts = new[] { "first symbol", "second symbol 22222", "THIRD SYMBOL 333" };
        var images = texts.Select((t, i) => Raster.Render(QrCode.EncodeText(t, new QrEncodeOptions { MinVersion = 1 + (i * 3) }), scale: 3)).ToArray();

        var result = Raster.Read(Raster.SideBySide(images));

        Assert.Equal(texts.Order(), result.Symbols.Select(s => s.Text).Order());
    }

    [Fact]
    public void ReadAll_SequenceOverSeveralImages_JoinsMessage()
    {
        var codes = QrCode.EncodeStructuredAppend("one message over three images", 3, new QrEncodeOptions());
        var files = codes.Select(c => (ReadOnlyMemory<byte>)Png.Encode(Raster.Render(c))).ToList();

        var result = Scanner.ReadAll(files);

        Assert.Equal("one message over three images", Assert.Single(result.Messages).Text);
    }

    [Fact]
    public void Read_MirroredSymbol_ReturnsTextAndFlag()
    {
        var (pixels, width, height) = Raster.Render(QrCode.EncodeText("mirror mirror", Ecc.L));

        var result = Raster.Read((Raster.Mirror(pixels, width, height), width, height));

        var symbol = Assert.Single(result.Symbols);
        Assert.Equal("mirror mirror", symbol.Text);
        Assert.True(symbol.IsMirrored);
    }

    [Fact]
    public void Read_LightOnDark_ReturnsTextAndFlag()
    {
        var image = Raster.Render(QrCode.EncodeText("inverted", Ecc.L), inverted: true);

        var symbol = Assert.Single(Raster.Read(image).Symbols);

        Assert.Equal("inverted", symbol.Text);
        Assert.True(symbol.IsInverted);
    }

    [Fact]
    public void Read_Symbol_ReportsCornersInPixels()
    {
        var code = QrCode.EncodeText("corners", Ecc.L);
        var symbol = Assert.Single(Raster.Read(code, scale: 4).Symbols);

        // Quiet zone 4 modules at 4 px: the symbol spans 16 .. 16 + 4 × size.
        var far = 16 + (4 * code.Size);
        Assert.Equal(new ScanPoint(16, 16), Round(symbol.Corners[0]));
        Assert.Equal(new ScanPoint(far, 16), Round(symbol.Corners[1]));
        Assert.Equal(new ScanPoint(far, far), Round(symbol.Corners[2]));
        Assert.Equal(new ScanPoint(16, far), Round(symbol.Corners[3]));

        static ScanPoint Round(ScanPoint p) => new(Math.Round(p.X), Math.Round(p.Y));
    }

    [Theory]
    [InlineData(Ecc.L, 3)]
    [InlineData(Ecc.M, 7)]
    [InlineData(Ecc.Q, 10)]
    [InlineData(Ecc.H, 14)]
    public void Read_DamagedCodewords_CorrectsUpToCapacity(Ecc ecc, int damagedModulesRows)
    {
        // Version 5 is one or two blocks; blanking a band of modules in the data area damages whole codewords.
        var code = QrCode.EncodeText("Reed-Solomon corrects errors in the data area of this symbol.", new QrEncodeOptions { Ecc = ecc, MinVersion = 5 });
        var (pixels, width, height) = Raster.Render(code, scale: 4);
        var quiet = 4 * 4;
        for (var y = 0; y < damagedModulesRows / 2; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                var my = 10 + y;
                var mx = code.Size - 1 - x;
                for (var dy = 0; dy < 4; dy++)
                {
                    for (var dx = 0; dx < 4; dx++)
                    {
                        var index = ((quiet + (my * 4) + dy) * width) + quiet + (mx * 4) + dx;
                        pixels[index] = (byte)(255 - pixels[index]);
                    }
                }
            }
        }

        var symbol = Assert.Single(Raster.Read((pixels, width, height)).Symbols);

        Assert.Equal("Reed-Solomon corrects errors in the data area of this symbol.", symbol.Text);
        Assert.True(symbol.CorrectedCodewords > 0);
    }

    [Fact]
    public void Read_FadedAreaBeyondErrorCapacity_CorrectedAsErasures()
    {
        // Version 1-L corrects 3 codeword errors, or 5 erasures (7 less the 2 kept for detection). A mid-grey patch
        // over codewords 0, 1, 4 and 5 (rows 13-20 of the two rightmost column pairs) is beyond errors alone.
        var code = QrCode.EncodeText("ERASURES", new QrEncodeOptions { Ecc = Ecc.L, MinVersion = 1, MaxVersion = 1, Mode = QrMode.Alphanumeric });
        var (pixels, width, height) = Raster.Render(code, scale: 4);
        for (var my = 13; my <= 20; my++)
        {
            for (var mx = 17; mx <= 20; mx++)
            {
                for (var dy = 0; dy < 4; dy++)
                {
                    pixels.AsSpan((((4 + my) * 4) + dy) * width + ((4 + mx) * 4), 4).Fill(128);
                }
            }
        }

        var symbol = Assert.Single(Raster.Read((pixels, width, height)).Symbols);

        Assert.Equal("ERASURES", symbol.Text);
        Assert.True(symbol.CorrectedCodewords > 3, $"{symbol.CorrectedCodewords} corrected");
    }

    [Fact]
    public void Read_FromManyThreadsAtOnce_ReturnsEachText()
    {
        // Every sixth symbol is Micro QR; the others span versions 1-10.
        var expected = Enumerable.Range(0, 24).Select(i => i % 6 == 5 ? $"M{i}" : $"thread {i} " + new string('t', i * 7)).ToArray();
        var files = expected
            .Select((text, i) => i % 6 == 5
                ? QrCode.EncodeText(text, new QrEncodeOptions { Micro = true })
                : QrCode.EncodeText(text, new QrEncodeOptions { MinVersion = 1 + (i % 10) }))
            .Select(code => (File: Png.Encode(Raster.Render(code)), Code: code))
            .ToArray();

        var results = new string?[files.Length * 4];
        Parallel.For(0, results.Length, i => results[i] = Scanner.Read(files[i % files.Length].File).Symbols.SingleOrDefault()?.Text);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % files.Length], results[i]);
        }
    }

    [Fact]
    public void Read_RgbaAndBgraBuffers_ReturnSameText()
    {
        var (grey, width, height) = Raster.Render(QrCode.EncodeText("colour buffers", Ecc.M));
        var rgba = new byte[grey.Length * 4];
        for (var i = 0; i < grey.Length; i++)
        {
            rgba[i * 4] = grey[i];
            rgba[(i * 4) + 1] = grey[i];
            rgba[(i * 4) + 2] = (byte)(grey[i] / 2);
            rgba[(i * 4) + 3] = 255;
        }

        Assert.Equal("colour buffers", Scanner.ReadPixels(rgba, width, height, ScanPixelFormat.Rgba32).Symbols[0].Text);
        Assert.Equal("colour buffers", Scanner.ReadPixels(rgba, width, height, ScanPixelFormat.Bgra32).Symbols[0].Text);
    }

    [Fact]
    public void Read_InvalidUtf8WithoutEci_FallsBackToLatin1()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("caf\u00e9 \u00ff");
        var code = QrCode.EncodeBinary(bytes, Ecc.M);

        Assert.Equal("caf\u00e9 \u00ff", Assert.Single(Raster.Read(code).Symbols).Text);
    }
}
