using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>One symbol for segno to build, every choice forced so the result is unique.</summary>
/// <param name="Content">The text.</param>
/// <param name="Version">"1"–"40" or "M1"–"M4".</param>
/// <param name="Error">"L", "M", "Q", "H", or null for M1.</param>
/// <param name="Mask">0–7, or 0–3 for Micro QR.</param>
/// <param name="Mode">"numeric", "alphanumeric", "byte" or "kanji"; byte mode writes UTF-8.</param>
/// <param name="Eci">Whether to write an ECI designator (26, UTF-8) before byte data.</param>
internal sealed record SegnoRequest(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("mask")] int Mask,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("eci")] bool Eci);

/// <summary>segno's symbol, as built by segno 1.4.1 itself and with its padding replaced by ISO/IEC 18004 §7.4.10.</summary>
/// <param name="Stock">segno's matrix, rows of '0'/'1'.</param>
/// <param name="Iso">The matrix segno builds when its two padding steps follow §7.4.10 (see <see cref="SegnoOracle"/>).</param>
/// <param name="Designator">segno's name of the symbol, such as "5-H" or "M3-L".</param>
/// <param name="Error">segno's error message when it refused the request.</param>
internal sealed record SegnoResult(
    [property: JsonPropertyName("stock")] string[]? Stock,
    [property: JsonPropertyName("iso")] string[]? Iso,
    [property: JsonPropertyName("designator")] string? Designator,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>
/// Builds symbols with segno (python3-segno 1.4.1, Debian's, so always <c>/usr/bin/python3</c>): all requests in
/// one Python process, JSON in on stdin and out on stdout.
/// </summary>
/// <remarks>
/// segno 1.4.1 departs from ISO/IEC 18004:2015 §7.4.10 in two padding details, so each symbol is built twice: as
/// segno builds it ("stock") and with segno's <c>write_padding_bits</c> and <c>write_pad_codewords</c> replaced by
/// the clause's wording ("iso"); everything else (segments, Reed–Solomon, placement, masking, format and version
/// information) is segno's own. The two departures:
/// <list type="number">
/// <item>M1 and M3: segno fills all unused data capacity with zero bits; §7.4.10 uses the pad codewords
/// 0xEC/0x11 for the full 8-bit data codewords and 0000 only for the final 4-bit codeword.</item>
/// <item>When the data and terminator end exactly on a codeword boundary short of the capacity, segno adds a whole
/// zero codeword before the pad codewords (heuer/segno issues #123 and #148); §7.4.10 adds padding bits only to
/// reach a boundary.</item>
/// </list>
/// Readers ignore what follows the terminator, so both forms decode; only the module comparison sees the difference.
/// </remarks>
internal sealed class SegnoOracle(string python)
{
    private const string Script = """
        import json, sys
        import segno
        from segno import consts, encoder

        PADS = ((1, 1, 1, 0, 1, 1, 0, 0), (0, 0, 0, 1, 0, 0, 0, 1))
        SHORT_FINAL = (consts.VERSION_M1, consts.VERSION_M3)
        stock_padding_bits = encoder.write_padding_bits
        stock_pad_codewords = encoder.write_pad_codewords

        def iso_padding_bits(buff, version, length):
            # 7.4.10: zero bits only up to the next codeword boundary (none when already on one).
            # M1 and M3 are completed in iso_pad_codewords, which knows where their 4-bit codeword starts.
            if version not in SHORT_FINAL:
                buff.extend([0] * (-length % 8))

        def iso_pad_codewords(buff, version, capacity, length):
            if version in SHORT_FINAL:
                full = (capacity - 4) // 8 * 8  # bits held by the 8-bit data codewords
                if length < full:
                    fill = -length % 8
                    buff.extend([0] * fill)
                    length += fill
                    i = 0
                    while length < full:
                        buff.extend(PADS[i % 2])
                        i += 1
                        length += 8
                buff.extend([0] * (capacity - length))  # the final 4-bit codeword: 0000
            else:
                for i in range(capacity // 8 - length // 8):
                    buff.extend(PADS[i % 2])

        def build(r):
            mode = r['mode']
            micro = r['version'].startswith('M')
            if r['content'] == '':
                # segno.make refuses empty data; its encoder takes an empty segment list (as QrForge writes for it).
                version = encoder.normalize_version(r['version'])
                error = encoder.normalize_errorlevel(r['error'], accept_none=True)
                code = encoder._encode(encoder.Segments(), error, version, encoder.normalize_mask(r['mask'], micro), False, False)
                return segno.QRCode(code)
            return segno.make(r['content'], version=r['version'], error=r['error'], mask=r['mask'], mode=mode,
                              encoding='utf-8' if mode == 'byte' else None, eci=r['eci'],
                              micro=micro, boost_error=False)

        def rows(qr):
            return [''.join('1' if m else '0' for m in row) for row in qr.matrix]

        out = []
        for r in json.load(sys.stdin):
            try:
                encoder.write_padding_bits, encoder.write_pad_codewords = stock_padding_bits, stock_pad_codewords
                stock = build(r)
                encoder.write_padding_bits, encoder.write_pad_codewords = iso_padding_bits, iso_pad_codewords
                iso = build(r)
                out.append({'stock': rows(stock), 'iso': rows(iso), 'designator': stock.designator, 'error': None})
            except Exception as e:
                out.append({'stock': None, 'iso': None, 'designator': None, 'error': type(e).__name__ + ': ' + str(e)})
        json.dump(out, sys.stdout)
        """;

    public string Python { get; } = python;

    /// <summary>Builds every request; large lists are split over two Python processes running side by side.</summary>
    public IReadOnlyList<SegnoResult> Make(IReadOnlyList<SegnoRequest> requests)
    {
        if (requests.Count < 100)
        {
            return MakeInOneProcess(requests);
        }

        var half = requests.Count / 2;
        var second = Task.Run(() => MakeInOneProcess([.. requests.Skip(half)]));
        var first = MakeInOneProcess([.. requests.Take(half)]);
        return [.. first, .. second.GetAwaiter().GetResult()];
    }

    private SegnoResult[] MakeInOneProcess(IReadOnlyList<SegnoRequest> requests)
    {
        var input = JsonSerializer.SerializeToUtf8Bytes(requests);
        var result = ToolProcess.Run(Python, ["-c", Script], TimeSpan.FromSeconds(120 + requests.Count / 4), input);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Python} (segno) failed with exit code {result.ExitCode}: {result.Stderr}"));
        }

        var results = JsonSerializer.Deserialize<SegnoResult[]>(result.Stdout)
            ?? throw new FormatException("segno printed no results: " + TextEncoding.UTF8.GetString(result.Stdout));
        return results.Length == requests.Count
            ? results
            : throw new FormatException($"segno returned {results.Length} results for {requests.Count} requests.");
    }
}
