using System.Text;
using CsCheck;
using QrForge.Encoding.Tests.Oracles;

namespace QrForge.Encoding.Tests.Properties;

/// <summary>
/// Fitting and refusing, as properties over generated payloads: an encoding succeeds exactly when the bits the data
/// needs (computed here from ISO/IEC 18004 Tables 3 and 7, see <see cref="IsoTables"/>) fit some allowed symbol, it
/// then picks the smallest such version and reports segments whose lengths add up; otherwise it is refused with
/// the numbers.
/// </summary>
public sealed class CapacityProperties
{
    private const int Iterations = 600;

    private static readonly QrMode[] DataModes = [QrMode.Numeric, QrMode.Alphanumeric, QrMode.Byte, QrMode.Kanji];

    // Byte-mode text: ASCII, Latin-1, Cyrillic, CJK (3 UTF-8 bytes) and an emoji (a surrogate pair, 4 bytes).
    private static readonly string[] ByteUnits = [.. "abcXYZ019 !~\n".Select(c => c.ToString()), "é", "ß", "Ж", "я", "中", "€", "😀"];

    /// <summary>A request for one symbol: level, Micro QR or not, a version range that exists for the level, a mode.</summary>
    private static readonly Gen<(bool Micro, Ecc Ecc, int Min, int Max, QrMode Mode)> Requests =
        Gen.Bool.SelectMany(micro => micro
            ? Gen.Int[1, 4].SelectMany(max => Gen.Int[1, max].SelectMany(min =>
                Gen.OneOf([.. Enum.GetValues<Ecc>().Where(e => IsoTables.Exists(max, e, true))]).SelectMany(ecc =>
                    Gen.OneOf([.. DataModes.Where(m => IsoTables.CountBits(m, max, true) > 0)]).Select(mode => (micro, ecc, min, max, mode)))))
            : Gen.Int[1, 40].SelectMany(max => Gen.Int[Math.Max(1, max - 6), max].SelectMany(min =>
                Gen.Enum<Ecc>().SelectMany(ecc => Gen.OneOf(DataModes).Select(mode => (micro, ecc, min, max, mode))))));

    [Fact]
    public void EncodeText_ForcedMode_SucceedsExactlyWhenTheNeedFits()
    {
        var gen = Requests.SelectMany(r =>
            // Up to 30 % more characters than the largest allowed symbol holds, so about a quarter do not fit.
            Gen.Int[0, MaxChars(r.Mode, r.Max, r.Ecc, r.Micro) * 13 / 10 + 1].SelectMany(length =>
                Text(r.Mode, length).Select(text => (r, text))));

        gen.Sample(t => CheckForced(t.r, t.text), iter: Iterations, threads: 1);
    }

    [Fact]
    public void EncodeBinary_AnyBytes_SucceedsExactlyWhenTheNeedFits()
    {
        var gen = Requests.Where(r => IsoTables.CountBits(QrMode.Byte, r.Max, r.Micro) > 0).SelectMany(r =>
            Gen.Byte.Array[0, MaxChars(QrMode.Byte, r.Max, r.Ecc, r.Micro) * 13 / 10 + 1].Select(data => (r, data)));

        gen.Sample(t =>
        {
            var (r, data) = t;
            var o = Options(r) with { Mode = null };
            // No data is no segment at all, which even M1 (without byte mode) holds.
            var expected = SmallestFitting(r, v => data.Length == 0 ? 0 : Need(QrMode.Byte, data.Length, v, r.Micro));
            var fits = QrCode.TryEncodeBinary(data, o, out var code);
            Assert.Equal(expected is not null, fits);
            if (code is not null)
            {
                AssertSymbol(code, r, expected!.Value);
                if (data.Length == 0)
                {
                    Assert.Empty(code.Segments);
                }
                else
                {
                    AssertSingleSegment(code, QrMode.Byte, data.Length, r.Micro);
                }
            }
            else
            {
                var e = Assert.Throws<DataTooLongException>(() => { QrCode.EncodeBinary(data, o); });
                AssertRefusal(e, r, data.Length, QrMode.Byte);
            }
        }, iter: Iterations, threads: 1);
    }

    /// <summary>
    /// Automatic segmentation: the symbol is the smallest allowed version where the shortest encoding of the text
    /// fits, and its segments take exactly that many bits, as found by <see cref="ReferenceSegmenter"/> under the
    /// documented default text policy (ASCII as is; other text in kanji mode when Shift JIS holds it, else UTF-8
    /// behind ECI 26, or undesignated UTF-8 in Micro QR).
    /// </summary>
    [Fact]
    public void EncodeText_AutoMode_ShortestEncodingInTheSmallestVersionItFits()
    {
        var units = Gen.OneOf(
            Gen.Char["0123456789"].Array[1, 30].Select(c => new string(c)),
            Gen.Char["ABCDEFXYZ $%*+-./:"].Array[1, 20].Select(c => new string(c)),
            Gen.Char["abcxyz!?@"].Array[1, 12].Select(c => new string(c)),
            Gen.Char[OracleCorpus.KanjiSet].Array[1, 10].Select(c => new string(c)),
            Gen.OneOf("Ж", "я", "é", "😀", "€", "中"));
        var gen = Gen.Bool.SelectMany(micro => micro
                ? Gen.Int[2, 4].SelectMany(max => Gen.Int[1, max].SelectMany(min => Gen.OneOf(Ecc.L, Ecc.M).Select(ecc => (micro, ecc, min, max))))
                : Gen.Int[1, 40].SelectMany(max => Gen.Int[Math.Max(1, max - 4), max].SelectMany(min => Gen.Enum<Ecc>().Select(ecc => (micro, ecc, min, max)))))
            .SelectMany(r => units.Array[0, r.micro ? 4 : r.max * 3 + 3].Select(parts => (r, text: string.Concat(parts))));

        gen.Sample(t =>
        {
            var ((micro, ecc, min, max), text) = t;
            var o = new QrEncodeOptions { Ecc = ecc, MinVersion = min, MaxVersion = max, Micro = micro, Mask = 0 };
            var policy = ReferenceSegmenter.PolicyFor(text, micro);
            int? expected = null;
            for (var v = min; v <= max && expected is null; v++)
            {
                var need = ReferenceSegmenter.ShortestBits(text, policy, v, micro);
                if (IsoTables.Exists(v, ecc, micro) && need >= 0 && need <= IsoTables.DataBits(v, ecc, micro))
                {
                    expected = v;
                }
            }

            var anyMode = false;
            for (var v = min; v <= max; v++)
            {
                anyMode |= IsoTables.Exists(v, ecc, micro) && ReferenceSegmenter.ShortestBits(text, policy, v, micro) >= 0;
            }

            Assert.Equal(expected is not null, QrCode.TryEncodeText(text, o, out var code));
            if (code is null)
            {
                if (!anyMode)
                {
                    // Micro QR versions with no mode for some character: refused as invalid, not as too long.
                    Assert.Throws<ArgumentException>(() => { QrCode.EncodeText(text, o); });
                    return;
                }

                var e = Assert.Throws<DataTooLongException>(() => { QrCode.EncodeText(text, o); });
                Assert.Equal(IsoTables.DataBits(max, ecc, micro), e.AvailableBits);
                var need = ReferenceSegmenter.ShortestBits(text, policy, max, micro);
                if (e.RequiredBits != -1)
                {
                    Assert.Equal(need, e.RequiredBits);
                    Assert.True(e.RequiredBits > e.AvailableBits);
                }

                return;
            }

            Assert.Equal(expected, code.Version);
            var total = code.Segments.Sum(s => s.BitLength);
            Assert.Equal(ReferenceSegmenter.ShortestBits(text, policy, code.Version, micro), total);
            Assert.True(total <= IsoTables.DataBits(code.Version, ecc, micro));
            var modes = code.Segments.Select(s => s.Mode).ToList();
            Assert.Equal(policy == TextPolicy.Utf8WithEci, modes.Contains(QrMode.Eci));
            if (policy == TextPolicy.Utf8WithEci)
            {
                Assert.Equal(QrMode.Eci, modes[0]);
                Assert.DoesNotContain(QrMode.Kanji, modes);
            }
        }, iter: Iterations, threads: 1);
    }

    /// <summary>Too long for the largest allowed symbol: Try* returns false without throwing, Encode* throws with the numbers.</summary>
    [Fact]
    public void Encode_PayloadLongerThanCapacity_RefusedWithTheNumbers()
    {
        var gen = Requests.SelectMany(r =>
            Gen.Int[MaxChars(r.Mode, r.Max, r.Ecc, r.Micro) + 1, MaxChars(r.Mode, r.Max, r.Ecc, r.Micro) * 2 + 2].SelectMany(length =>
                Text(r.Mode, length, atLeast: true).Select(text => (r, text))));

        gen.Sample(t =>
        {
            var (r, text) = t;
            var o = Options(r);
            var count = IsoTables.CharCount(r.Mode, text);
            var need = Need(r.Mode, count, r.Max, r.Micro);
            Assert.True(need < 0 || need > IsoTables.DataBits(r.Max, r.Ecc, r.Micro), "the generator made a payload that fits");
            Assert.False(QrCode.TryEncodeText(text, o, out var code));
            Assert.Null(code);
            var e = Assert.Throws<DataTooLongException>(() => { QrCode.EncodeText(text, o); });
            AssertRefusal(e, r, count, r.Mode, EciBits(r, text));
        }, iter: Iterations / 2, threads: 1);
    }

    private static void CheckForced((bool Micro, Ecc Ecc, int Min, int Max, QrMode Mode) r, string text)
    {
        var o = Options(r);
        var count = IsoTables.CharCount(r.Mode, text);
        var eci = EciBits(r, text);
        var expected = SmallestFitting(r, v => text.Length == 0 ? 0 : Need(r.Mode, count, v, r.Micro) is var n && n >= 0 ? n + eci : -1);
        var fits = QrCode.TryEncodeText(text, o, out var code);
        Assert.Equal(expected is not null, fits);
        if (code is null)
        {
            var e = Assert.Throws<DataTooLongException>(() => { QrCode.EncodeText(text, o); });
            AssertRefusal(e, r, count, r.Mode, eci);
            return;
        }

        AssertSymbol(code, r, expected!.Value);
        if (text.Length == 0)
        {
            Assert.Empty(code.Segments);
        }
        else if (eci > 0)
        {
            Assert.Equal([(QrMode.Eci, eci), (QrMode.Byte, Need(r.Mode, count, code.Version, r.Micro))], code.Segments.Select(s => (s.Mode, s.BitLength)));
        }
        else
        {
            AssertSingleSegment(code, r.Mode, count, r.Micro);
        }
    }

    /// <summary>
    /// Forced byte mode with non-ASCII text and no ECI: QR Code writes an ECI 26 designator (12 bits) so readers
    /// need not guess the character set; Micro QR has no ECI.
    /// </summary>
    private static int EciBits((bool Micro, Ecc Ecc, int Min, int Max, QrMode Mode) r, string text) =>
        r.Mode == QrMode.Byte && !r.Micro && !Ascii.IsValid(text) ? 12 : 0;

    private static void AssertSymbol(QrCode code, (bool Micro, Ecc Ecc, int Min, int Max, QrMode Mode) r, int expectedVersion)
    {
        Assert.Equal(r.Micro, code.IsMicro);
        Assert.InRange(code.Version, r.Min, r.Max);
        Assert.Equal(expectedVersion, code.Version);
        Assert.Equal(r.Ecc, code.Ecc);
        Assert.Equal(r.Micro ? 9 + 2 * code.Version : 17 + 4 * code.Version, code.Size);
    }

    private static void AssertSingleSegment(QrCode code, QrMode mode, int count, bool micro)
    {
        var segment = Assert.Single(code.Segments);
        Assert.Equal(mode, segment.Mode);
        Assert.Equal(count, segment.CharCount);
        Assert.Equal(Need(mode, count, code.Version, micro), segment.BitLength);
        Assert.True(segment.BitLength <= IsoTables.DataBits(code.Version, code.Ecc, micro));
    }

    private static void AssertRefusal(DataTooLongException e, (bool Micro, Ecc Ecc, int Min, int Max, QrMode Mode) r, int count, QrMode mode, int headerBits = 0)
    {
        Assert.Equal(r.Max, e.MaxVersion);
        Assert.Equal(r.Ecc, e.Ecc);
        Assert.Equal(r.Micro, e.IsMicro);
        Assert.Equal(IsoTables.DataBits(r.Max, r.Ecc, r.Micro), e.AvailableBits);
        var need = Need(mode, count, r.Max, r.Micro);
        if (need < 0)
        {
            // Documented: -1 when the character count overflows its count field (which only Micro QR reaches first).
            Assert.Equal(-1, e.RequiredBits);
        }
        else
        {
            Assert.Equal(need + headerBits, e.RequiredBits);
            Assert.True(e.RequiredBits > e.AvailableBits, $"{e.RequiredBits} bits refused with {e.AvailableBits} available");
        }
    }

    private static QrEncodeOptions Options((bool Micro, Ecc Ecc, int Min, int Max, QrMode Mode) r) => new()
    {
        Ecc = r.Ecc,
        MinVersion = r.Min,
        MaxVersion = r.Max,
        Micro = r.Micro,
        Mode = r.Mode,
        Mask = 0, // the mask does not change what fits; forcing it skips the penalty search
    };

    private static int? SmallestFitting((bool Micro, Ecc Ecc, int Min, int Max, QrMode Mode) r, Func<int, int> need)
    {
        for (var v = r.Min; v <= r.Max; v++)
        {
            var bits = need(v);
            if (IsoTables.Exists(v, r.Ecc, r.Micro) && bits >= 0 && bits <= IsoTables.DataBits(v, r.Ecc, r.Micro))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>Bits of one segment, or -1 when the mode is missing or the count overflows.</summary>
    private static int Need(QrMode mode, int count, int version, bool micro) => IsoTables.SegmentBits(mode, count, version, micro);

    private static int MaxChars(QrMode mode, int version, Ecc ecc, bool micro) =>
        IsoTables.DataBits(version, ecc, micro) * 3 / (mode switch { QrMode.Numeric => 10, QrMode.Alphanumeric => 16, QrMode.Byte => 24, _ => 39 }) + 1;

    /// <summary>Text of <paramref name="length"/> characters; in byte mode at most that many UTF-8 bytes, or at least when <paramref name="atLeast"/>.</summary>
    private static Gen<string> Text(QrMode mode, int length, bool atLeast = false) => mode switch
    {
        QrMode.Numeric => Gen.Char["0123456789"].Array[length].Select(c => new string(c)),
        QrMode.Alphanumeric => Gen.Char[OracleCorpus.AlphanumericSet].Array[length].Select(c => new string(c)),
        QrMode.Kanji => Gen.Char[OracleCorpus.KanjiSet].Array[length].Select(c => new string(c)),
        // Byte units of 1-4 UTF-8 bytes: about length bytes in all.
        _ when atLeast => Gen.OneOf(ByteUnits).Array[length].Select(string.Concat),
        _ => Gen.OneOf(ByteUnits).Array[length / 2, length].Select(units => Truncate(string.Concat(units), length)),
    };

    private static string Truncate(string text, int maxBytes)
    {
        var sb = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }
}
