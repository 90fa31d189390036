using CsCheck;
using QrForge.Encoding.Tests.Oracles;
using Xunit.Abstractions;

namespace QrForge.Encoding.Tests.Properties;

/// <summary>
/// Random payloads that fit round-trip through an independent decoder (ZXingReader, in batches): bytes compared as
/// bytes, UTF-8 text under ECI 26, and ASCII with kanji in the automatic mode mix, at random levels, version
/// ranges, masks and with or without boosting.
/// </summary>
[Collection(OracleTestGroup.Name)]
public sealed class RoundTripProperties(OracleFixture fixture, ITestOutputHelper output)
{
    private const int BatchSize = 120;
    private const int Batches = 3;

    private static readonly Gen<QrEncodeOptions> Options =
        Gen.Select(Gen.Enum<Ecc>(), Gen.Int[1, 25], Gen.Int[0, 6], Gen.Int[-1, 7], Gen.Bool, (ecc, max, below, mask, boost) => new QrEncodeOptions
        {
            Ecc = ecc,
            MinVersion = Math.Max(1, max - below),
            MaxVersion = max,
            Mask = mask < 0 ? null : mask,
            BoostEcc = boost,
        });

    private static readonly Gen<string> Utf8Text =
        Gen.OneOf([.. OracleCorpus.NonLatinWords, "a", "Z", "0", " ", "42", "\n"]).Array[0, 40].Select(string.Concat);

    private static readonly Gen<string> AsciiAndKanji =
        Gen.OneOf(
            Gen.Char["0123456789"].Array[1, 25].Select(c => new string(c)),
            Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"].Array[1, 25].Select(c => new string(c)),
            Gen.Char["abcdefghijklmnopqrstuvwxyz!?#@&()[]{}<>=_~'\"\\"].Array[1, 20].Select(c => new string(c)),
            Gen.Char[OracleCorpus.KanjiSet].Array[1, 12].Select(c => new string(c)))
        .Array[0, 12].Select(string.Concat);

    /// <summary>One generated payload, encoded: the case for the decoders, or null when it does not fit.</summary>
    private static readonly Gen<OracleCase?> Cases = Gen.Int[0, 2].SelectMany(kind => kind switch
    {
        0 => Gen.Select(Gen.Byte.Array[1, 300], Options, (data, o) =>
            QrCode.TryEncodeBinary(data, o, out var code)
                ? new OracleCase { Name = $"{data.Length} bytes {OracleCorpus.Describe(o)}", Symbols = [code], Bytes = data }
                : null),
        1 => Gen.Select(Utf8Text, Options, (text, o) => Encode(text, o with { Eci = 26 })),
        _ => Gen.Select(AsciiAndKanji, Options, Encode),
    });

    [Fact]
    public void FittingPayload_DecodedByZxing_RoundTripsExactly()
    {
        fixture.EnsureTools();
        var decoded = 0;
        Cases.Array[BatchSize].Sample(batch =>
        {
            var cases = batch.OfType<OracleCase>().ToList();
            var failures = OracleRun.Decode(fixture, cases)
                .Select(o => (o, problem: OracleRun.CheckZxing(o)))
                .Where(x => x.problem is not null)
                .Select(x => $"{x.o.Case.Name} [{x.o.Case.Symbols[0].VersionName}-{x.o.Case.Symbols[0].Ecc}]: expected {x.o.Case.Expected}; {x.problem}")
                .ToList();
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
            Interlocked.Add(ref decoded, cases.Count);
        }, iter: Batches, threads: 1);

        output.WriteLine($"Round trip: {decoded} random payloads that fit, read back exactly by ZXing.");
        Assert.True(decoded >= Batches * BatchSize / 2, $"only {decoded} generated payloads fit");
    }

    private static OracleCase? Encode(string text, QrEncodeOptions o) =>
        QrCode.TryEncodeText(text, o, out var code)
            ? new OracleCase { Name = $"{OracleCorpus.Describe(o)} {OracleCase.Show(text)}", Symbols = [code], Text = text }
            : null;
}
