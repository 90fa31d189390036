using System.Globalization;
using Xunit.Abstractions;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>
/// Whole symbols decoded by two independent decoders, zbar (zbarimg) and zxing-cpp (ZXingReader), and their text
/// compared exactly with what was encoded. See docs/testing.md.
/// </summary>
[Collection(OracleTestGroup.Name)]
public sealed class DecoderOracleTests(OracleFixture fixture, ITestOutputHelper output)
{
    private const int Seed = 18004;

    [Fact]
    public void QrCodes_DecodedByZbarAndZxing_TextMatchesExactly()
    {
        fixture.EnsureTools();
        var cases = OracleCorpus.QrCodes(Seed);
        AssertCoverage([.. cases.Select(c => c.Symbols[0])]);
        Assert.True(cases.Count(c => c.Zbar) >= 2000, "the corpus has at least 2,000 symbols for both decoders");

        var outcomes = OracleRun.Decode(fixture, cases);

        var failures = new List<string>();
        int zbarChecked = 0, zbarExact = 0, zxingExact = 0;
        foreach (var o in outcomes)
        {
            var zxing = OracleRun.CheckZxing(o);
            zxingExact += zxing is null ? 1 : 0;
            var zbar = o.Case.Zbar ? OracleRun.CheckZbar(o) : null;
            zbarChecked += o.Case.Zbar ? 1 : 0;
            zbarExact += o.Case.Zbar && zbar is null ? 1 : 0;
            if (zxing is not null || zbar is not null)
            {
                var s = o.Case.Symbols[0];
                failures.Add($"{o.Case.Name} [{s.VersionName}-{s.Ecc} mask {s.Mask}]: expected {o.Case.Expected}; {zbar ?? "zbar ok"}; {zxing ?? "ZXing ok"}");
            }
        }

        output.WriteLine($"QR Code corpus: {cases.Count} symbols, versions 1-40 x L/M/Q/H, masks 0-7, numeric/alphanumeric/byte/kanji/mixed, ECI 3/20/25/26, FNC1 first/second.");
        output.WriteLine($"  zbar:  {zbarExact} of {zbarChecked} read exactly");
        output.WriteLine($"  ZXing: {zxingExact} of {cases.Count} read exactly (text, symbology identifier and EC level)");
        Report(failures);
    }

    [Fact]
    public void MicroQr_DecodedByZxing_TextMatchesExactly()
    {
        fixture.EnsureTools();
        var cases = OracleCorpus.MicroCodes(Seed + 1);
        var seen = cases.Select(c => (c.Symbols[0].Version, c.Symbols[0].Ecc, c.Symbols[0].Mask)).ToHashSet();
        Assert.Equal(4 * (1 + 2 + 2 + 3), seen.Count); // M1 (L), M2 and M3 (L, M), M4 (L, M, Q), each with masks 0-3

        var outcomes = OracleRun.Decode(fixture, cases, "MicroQRCode");

        var failures = outcomes.Select(o => (o, problem: OracleRun.CheckZxing(o)))
            .Where(x => x.problem is not null)
            .Select(x => $"{x.o.Case.Name} [{x.o.Case.Symbols[0].VersionName}]: expected {x.o.Case.Expected}; {x.problem}")
            .ToList();
        output.WriteLine($"Micro QR: {cases.Count} symbols (M1-M4, every level and mask, every mode each version allows).");
        output.WriteLine($"  ZXing: {cases.Count - failures.Count} of {cases.Count} read exactly (zbar does not read Micro QR)");
        Report(failures);
    }

    [Fact]
    public void StructuredAppend_Sequences_BothDecodersJoinThem()
    {
        fixture.EnsureTools();
        var random = new Random(Seed + 2);
        var sequences = new List<(OracleCase Case, byte[] Message)>();
        foreach (var count in new[] { 1, 2, 3, 4, 5, 8, 12, 16 })
        {
            var ecc = OracleCorpus.Levels[random.Next(4)];
            var text = OracleCorpus.Text(random, TextKind.Ascii, count * (20 + random.Next(60))).Replace('\n', ' ');
            var o = new QrEncodeOptions { Ecc = ecc };
            sequences.Add((Sequence($"text in {count}", QrCode.EncodeStructuredAppend(text, count, o), text, null), TextEncoding.UTF8.GetBytes(text)));

            var words = string.Join(' ', Enumerable.Range(0, count * 8).Select(_ => OracleCorpus.NonLatinWords[random.Next(OracleCorpus.NonLatinWords.Length)]));
            var eci = o with { Eci = 26 };
            sequences.Add((Sequence($"ECI 26 text in {count}", QrCode.EncodeStructuredAppend(words, count, eci), words, null), TextEncoding.UTF8.GetBytes(words)));

            // No ECI named: non-ASCII parts get the ECI 26 designator by default.
            sequences.Add((Sequence($"default-encoded text in {count}", QrCode.EncodeStructuredAppend(words, count, o), words, null), TextEncoding.UTF8.GetBytes(words)));

            var data = new byte[count * (10 + random.Next(50))];
            random.NextBytes(data);
            sequences.Add((Sequence($"bytes in {count}", QrCode.EncodeStructuredAppend(data, count, o), null, data), data));
        }

        // Built by hand from segments, as a caller of EncodeSegments would.
        var parts = new[] { "HAND BUILT 0123", "456789 ", "STRUCTURED APPEND" };
        var whole = string.Concat(parts);
        var parity = Parity(TextEncoding.UTF8.GetBytes(whole));
        var manual = parts.Select((p, i) => QrCode.EncodeSegments(
            [QrSegment.MakeStructuredAppend(i, parts.Length, parity), .. QrSegment.MakeSegments(p)], new QrEncodeOptions { Ecc = Ecc.Q })).ToList();
        sequences.Add((Sequence("segments by hand", manual, whole, null), TextEncoding.UTF8.GetBytes(whole)));

        var outcomes = sequences.Select(s => DecodeSequence(s.Case)).ToList();

        var failures = new List<string>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (c, message) = sequences[i];
            var o = outcomes[i];
            var n = c.Symbols.Count;
            if (OracleRun.CheckZbar(o) is { } zbar)
            {
                failures.Add($"{c.Name}: zbar did not join the sequence to {c.Expected}: {zbar}");
            }

            // ZXing: every part in its place with the count and the parity, the parts adding up to the message,
            // and the message ZXing joins itself.
            var expectedId = Parity(message).ToString(CultureInfo.InvariantCulture);
            var read = o.Zxing.Where(s => !s.Merged).OrderBy(s => s.SequenceIndex).ToList();
            var merged = o.Zxing.Where(s => s.Merged).ToList();
            var joined = c.Bytes is null
                ? TextEncoding.UTF8.GetBytes(string.Concat(read.Select(s => s.Text)))
                : [.. read.SelectMany(s => s.Bytes)];
            var ok = read.Count == n
                && read.Select(s => s.SequenceIndex).SequenceEqual(Enumerable.Range(1, n))
                && read.All(s => s.SequenceSize == n && s.SequenceId == expectedId)
                && joined.AsSpan().SequenceEqual(message)
                && merged.Count == 1
                && (c.Bytes is null ? TextEncoding.UTF8.GetBytes(merged[0].Text) : merged[0].Bytes).AsSpan().SequenceEqual(message);
            if (!ok)
            {
                failures.Add($"{c.Name}: ZXing read {read.Count} of {n} symbols: " +
                    string.Join(" | ", o.Zxing.Select(s => $"{(s.Merged ? "merged" : s.SequenceIndex)}/{s.SequenceSize} id {s.SequenceId} {OracleCase.Show(s.Text)}")) +
                    $"; expected parity {expectedId} and {c.Expected}");
            }
        }

        output.WriteLine($"Structured append: {sequences.Count} sequences of 1-16 symbols, {sequences.Sum(s => s.Case.Symbols.Count)} symbols.");
        output.WriteLine($"  zbar joined each sequence and ZXing read every part in place, with the parity, and joined it, for {sequences.Count - failures.Count} of {sequences.Count}");
        Report(failures);

        static OracleCase Sequence(string name, IReadOnlyList<QrCode> codes, string? text, byte[]? bytes) => new()
        {
            Name = $"structured append, {name} symbols, {codes[0].VersionName}-{codes[0].Ecc}",
            Symbols = codes,
            Text = text,
            Bytes = bytes,
        };
    }

    /// <summary>
    /// zbar joins the symbols of a sequence found in one image, so it gets the whole sequence in one image.
    /// ZXingReader 1.4 finds only some symbols in such a grid, but joins the sequences it read from all the
    /// files of one call and reports the result after the last file, so it gets one image per symbol, one call
    /// per sequence.
    /// </summary>
    private OracleOutcome DecodeSequence(OracleCase sequence)
    {
        var dir = fixture.NewBatchDirectory();
        try
        {
            var whole = Path.Combine(dir, "sequence.pgm");
            Pgm.Write(whole, [.. sequence.Symbols.Select(ModuleMatrix.From)]);
            var zbar = fixture.Zbar.Decode([whole], binary: sequence.Bytes is not null)[0];

            var files = new List<string>();
            for (var i = 0; i < sequence.Symbols.Count; i++)
            {
                files.Add(Path.Combine(dir, $"part{i:D2}.pgm"));
                Pgm.Write(files[i], sequence.Symbols[i]);
            }

            var zxing = fixture.Zxing.Decode(files, "QRCode").SelectMany(symbols => symbols).ToList();
            return new OracleOutcome(sequence, zbar, zxing);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The negative control: a version 5-L symbol with a fifth of its data modules flipped (far beyond the 13
    /// codewords level L restores) must not read back, proving the comparison can fail; the same symbol with three
    /// flipped modules must still read (the decoders correct errors, so one flipped module alone cannot be a
    /// negative control for them; SegnoAgreementTests has that one).
    /// </summary>
    [Fact]
    public void DamagedSymbol_BeyondCorrectionCapacity_NeitherDecoderReturnsTheText()
    {
        fixture.EnsureTools();
        const string Text = "QrForge negative control: this text must not survive the damage. 0123456789";
        var code = QrCode.EncodeText(Text, new QrEncodeOptions { Ecc = Ecc.L, MinVersion = 5, MaxVersion = 5, Mask = 2 });
        Assert.Equal(5, code.Version);

        var heavy = ModuleMatrix.From(code);
        var flipped = 0;
        for (var y = 0; y < code.Size; y++)
        {
            for (var x = 0; x < code.Size; x++)
            {
                if (IsVersion5DataModule(x, y, code.Size) && (x * 7 + y * 3) % 5 == 0)
                {
                    heavy[x, y] = !heavy[x, y];
                    flipped++;
                }
            }
        }

        var light = ModuleMatrix.From(code);
        foreach (var (x, y) in new[] { (20, 20), (25, 12), (14, 30) })
        {
            Assert.True(IsVersion5DataModule(x, y, code.Size));
            light[x, y] = !light[x, y];
        }

        var outcomes = OracleRun.Decode(fixture,
        [
            new OracleCase { Name = "heavy damage", Symbols = [code], Text = Text, Modules = heavy },
            new OracleCase { Name = "light damage", Symbols = [code], Text = Text, Modules = light },
        ]);

        var damaged = outcomes[0];
        output.WriteLine($"Negative control: {flipped} data modules flipped in a 5-L symbol; zbar read {(damaged.Zbar is null ? "nothing" : OracleCase.Show(TextEncoding.UTF8.GetString(damaged.Zbar)))}, ZXing read {damaged.Zxing.Count} symbols.");
        Assert.NotNull(OracleRun.CheckZbar(damaged));
        Assert.NotNull(OracleRun.CheckZxing(damaged));
        Assert.DoesNotContain(damaged.Zxing, s => s.Text == Text);

        Assert.Null(OracleRun.CheckZbar(outcomes[1]));
        Assert.Null(OracleRun.CheckZxing(outcomes[1]));
    }

    /// <summary>
    /// §7.4.8.3: the application indicator after FNC1 in second position, a letter (written as its ASCII code + 100)
    /// or two digits, is transmitted before the data.
    /// </summary>
    [Theory]
    [InlineData("A")]
    [InlineData("Z")]
    [InlineData("a")]
    [InlineData("c")]
    [InlineData("z")]
    [InlineData("00")]
    [InlineData("37")]
    [InlineData("99")]
    public void Fnc1Second_ApplicationIndicator_ReadBeforeTheData(string indicator)
    {
        fixture.EnsureTools();
        var code = QrCode.EncodeText("ABC123", new QrEncodeOptions { Fnc1 = QrFnc1.Second, ApplicationIndicator = indicator });
        var outcome = OracleRun.Decode(fixture,
            [new OracleCase { Name = $"FNC1 second {indicator}", Symbols = [code], Text = indicator + "ABC123", Identifier = "]Q5" }])[0];

        Assert.Null(OracleRun.CheckZxing(outcome));
        Assert.Null(OracleRun.CheckZbar(outcome));
    }

    /// <summary>
    /// With FNC1 in first position '%' separates GS1 fields (QrEncodeOptions.Fnc1), which §7.4.8.1 writes as '%' in
    /// alphanumeric mode and as GS (0x1D) in byte mode; readers return GS for both.
    /// </summary>
    [Fact]
    public void Fnc1First_PercentInAlphanumericSegment_ReadBackAsGroupSeparator() => AssertGs1("10ABC%21XYZ");

    /// <summary>
    /// A '%' that lands in a byte segment (next to lower case, which alphanumeric mode lacks) must read back as GS
    /// too, so the encoder writes GS (0x1D) for it there (a literal '%' byte would lose the separator).
    /// </summary>
    [Theory]
    [InlineData("10abc%21xyz")]
    [InlineData("21serial%10Lot%17251231")]
    public void Fnc1First_PercentInByteSegment_ReadBackAsGroupSeparator(string text) => AssertGs1(text);

    /// <summary>
    /// The default text encoding puts non-ASCII text that Shift JIS holds in kanji mode, deciding "holds" with
    /// .NET's code page 932 (Microsoft's Shift JIS). Readers decode kanji mode as JIS X 0208 Shift JIS, where some
    /// codes mean other characters (0x8160 is U+301C WAVE DASH, not U+FF5E FULLWIDTH TILDE) and the NEC rows
    /// (0x8740-0x879C: circled numbers, Roman numerals, ㈱) do not exist, so these texts would come back changed.
    /// The encoder keeps those characters out of kanji mode and writes them as UTF-8 behind ECI 26.
    /// </summary>
    [Theory]
    [InlineData("価格～100円")]
    [InlineData("A∥B")]
    [InlineData("￢条件")]
    [InlineData("￠10 ￡20")]
    [InlineData("－5℃")]
    [InlineData("①番")]
    [InlineData("第Ⅰ章")]
    [InlineData("㈱山田")]
    public void DefaultEncoding_CodePage932OnlyCharacters_ReadBackUnchanged(string text)
    {
        fixture.EnsureTools();
        var code = QrCode.EncodeText(text, Ecc.M);
        var outcome = OracleRun.Decode(fixture, [new OracleCase { Name = text, Symbols = [code], Text = text }])[0];

        var segments = string.Join(", ", code.Segments.Select(s => $"{s.Mode}({s.CharCount})"));
        Assert.True(OracleRun.CheckZxing(outcome) is null && OracleRun.CheckZbar(outcome) is null,
            $"segments {segments}: {OracleRun.CheckZxing(outcome) ?? "ZXing ok"}; {OracleRun.CheckZbar(outcome) ?? "zbar ok"}");
    }

    private void AssertGs1(string text)
    {
        fixture.EnsureTools();
        var code = QrCode.EncodeText(text, new QrEncodeOptions { Fnc1 = QrFnc1.First });
        var outcome = OracleRun.Decode(fixture,
            [new OracleCase { Name = "GS1 " + text, Symbols = [code], Text = text.Replace('%', '\u001d'), Identifier = "]Q3" }])[0];

        var segments = string.Join(", ", code.Segments.Select(s => $"{s.Mode}({s.CharCount})"));
        Assert.True(OracleRun.CheckZxing(outcome) is null && OracleRun.CheckZbar(outcome) is null,
            $"segments {segments}: {OracleRun.CheckZxing(outcome) ?? "ZXing ok"}; {OracleRun.CheckZbar(outcome) ?? "zbar ok"}");
    }

    private static bool IsVersion5DataModule(int x, int y, int size)
    {
        var finder = (x < 9 && y < 9) || (x >= size - 8 && y < 9) || (x < 9 && y >= size - 8);
        var timing = x == 6 || y == 6;
        var alignment = Math.Abs(x - 30) <= 2 && Math.Abs(y - 30) <= 2;
        return !finder && !timing && !alignment;
    }

    private static byte Parity(byte[] message)
    {
        byte parity = 0;
        foreach (var b in message)
        {
            parity ^= b;
        }

        return parity;
    }

    private static void AssertCoverage(List<QrCode> symbols)
    {
        for (var v = 1; v <= 40; v++)
        {
            foreach (var ecc in OracleCorpus.Levels)
            {
                Assert.Contains(symbols, s => s.Version == v && s.Ecc == ecc);
                for (var mask = 0; mask < 8; mask++)
                {
                    Assert.Contains(symbols, s => s.Ecc == ecc && s.Mask == mask);
                }
            }
        }

        foreach (var mode in Enum.GetValues<QrMode>().Where(m => m != QrMode.StructuredAppend))
        {
            Assert.Contains(symbols, s => s.Segments.Any(g => g.Mode == mode));
        }

        // Optimal segmentation at work: symbols mixing at least three data modes.
        Assert.Contains(symbols, s => s.Segments.Where(g => g.Mode <= QrMode.Kanji).Select(g => g.Mode).Distinct().Count() >= 3);
    }

    private void Report(List<string> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var shown = failures.Take(25).ToList();
        var message = $"{failures.Count} failures:{Environment.NewLine}" + string.Join(Environment.NewLine, shown) +
            (failures.Count > shown.Count ? $"{Environment.NewLine}… and {failures.Count - shown.Count} more" : "");
        output.WriteLine(message);
        Assert.Fail(message);
    }
}
