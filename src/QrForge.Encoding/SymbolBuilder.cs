namespace QrForge.Encoding;

/// <summary>
/// Wires the stages together: the text policy (<see cref="TextEncodingPolicy"/>), segments and version
/// (<see cref="VersionPlanner"/>, §7.4, Table 7), the data bit stream with terminator and pad codewords
/// (<see cref="DataCodewords"/>, §7.4.9–7.4.10), Reed–Solomon codewords and interleaving (<see cref="Interleaving"/>,
/// §7.5–7.6), placement (<see cref="Placement"/>, §7.7), and the mask with the format information
/// (<see cref="Masking"/>, §7.8–7.9). No stage throws: a refusal comes back as an <see cref="EncodeError"/>, which
/// only the throwing entry points turn into an exception.
/// </summary>
internal static class SymbolBuilder
{
    [ThreadStatic]
    private static List<TextRun>? _runsCache;

    public static QrCode? BuildText(string text, QrEncodeOptions o, out EncodeError error) =>
        BuildText(text, o, 0, 0, 0, allowKanji: true, out error);

    public static QrCode? BuildText(ReadOnlySpan<char> text, QrEncodeOptions o, int saIndex, int saCount, byte saParity, bool allowKanji, out EncodeError error)
    {
        var p = NewPayload(o, PayloadKind.Text, saIndex, saCount, saParity);
        p.Text = text;
        return TextEncodingPolicy.Apply(ref p, text, o, allowKanji, out error) ? Build(ref p, o, out error) : null;
    }

    public static QrCode? BuildBinary(ReadOnlySpan<byte> data, QrEncodeOptions o, out EncodeError error) =>
        BuildBinary(data, o, 0, 0, 0, out error);

    public static QrCode? BuildBinary(ReadOnlySpan<byte> data, QrEncodeOptions o, int saIndex, int saCount, byte saParity, out EncodeError error)
    {
        var p = NewPayload(o, PayloadKind.Bytes, saIndex, saCount, saParity);
        p.Bytes = data;
        if (o.Mode is QrMode forced && forced != QrMode.Byte)
        {
            error = EncodeError.InvalidArgument("Binary data is written in byte mode; use EncodeText for other modes.", nameof(o.Mode));
            return null;
        }

        return Build(ref p, o, out error);
    }

    public static QrCode? BuildSegments(IReadOnlyList<QrSegment> segments, QrEncodeOptions o, out EncodeError error)
    {
        var p = NewPayload(o, PayloadKind.Segments, 0, 0, 0);
        p.Segments = segments;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] is not { } s)
            {
                error = EncodeError.InvalidArgument("A segment is null.", nameof(segments));
                return null;
            }

            if (o.Micro && s.Mode > QrMode.Kanji)
            {
                error = EncodeError.InvalidArgument($"Micro QR symbols cannot hold a {s.Mode} segment.", nameof(segments));
                return null;
            }
        }

        return Build(ref p, o, out error);
    }

    private static Payload NewPayload(QrEncodeOptions o, PayloadKind kind, int saIndex, int saCount, byte saParity) => new()
    {
        Kind = kind,
        Charset = TextCharset.Utf8,
        ForcedMode = o.Mode,
        Eci = o.Eci ?? -1,
        Fnc1 = o.Fnc1,
        AppIndicator = o.ApplicationIndicator,
        SaIndex = saIndex,
        SaCount = saCount,
        SaParity = saParity,
    };

    private static QrCode? Build(ref Payload p, QrEncodeOptions o, out EncodeError error)
    {
        var invalid = VersionRange.Validate(o, out var maxVersion);
        if (invalid is not null)
        {
            error = EncodeError.InvalidArgument(invalid);
            return null;
        }

        var runs = _runsCache ??= new List<TextRun>(16);
        if (!VersionPlanner.TryChoose(ref p, o, maxVersion, runs, out var version, out var ecc, out var bits, out error))
        {
            return null;
        }

        var micro = o.Micro;
        var dataCodewords = Tables.DataCodewords(version, ecc, micro);
        Span<byte> data = stackalloc byte[dataCodewords];
        var infos = DataCodewords.Write(in p, runs, version, micro, ecc, bits, data);
        Span<byte> codewords = stackalloc byte[Tables.TotalCodewords(version, micro)];
        Interleaving.Interleave(data, codewords, version, ecc, micro);
        return Finish(codewords, version, micro, ecc, dataCodewords, o.Mask, infos);
    }

    // Placement and masking in their own frame, as the grids are the largest buffers of an encode.
    private static QrCode Finish(ReadOnlySpan<byte> codewords, int version, bool micro, Ecc ecc, int dataCodewords, int? forcedMask, QrSegmentInfo[] infos)
    {
        var t = SymbolTemplate.For(version, micro);
        var words = t.Size * t.Stride;
        Span<ulong> dataRows = stackalloc ulong[words];
        Span<ulong> dataCols = stackalloc ulong[words];
        Placement.Place(codewords, t, Placement.NibbleAt(version, micro, dataCodewords), dataRows, dataCols);
        var mask = forcedMask ?? Masking.Choose(t, dataRows, dataCols, version, ecc);
        var modules = new ulong[words];
        Masking.Compose(t, dataRows, mask, Masking.FormatFor(version, micro, ecc, mask), modules, null, default);
        return new QrCode(version, micro, ecc, mask, modules, infos);
    }

    /// <summary>The final codeword sequence (data and error correction, interleaved) of a text, for tests and diagnostics.</summary>
    internal static byte[] FinalCodewords(string text, QrEncodeOptions o, out QrCode symbol)
    {
        symbol = QrCode.EncodeText(text, o);
        var p = NewPayload(o, PayloadKind.Text, 0, 0, 0);
        p.Text = text;
        p.AllowKanji = o.Eci is null;
        if (o.Eci is null && !System.Text.Ascii.IsValid(text))
        {
            TextEncodingPolicy.ChooseTextEncoding(ref p, text, o);
        }

        var runs = new List<TextRun>();
        var bits = VersionPlanner.Plan(ref p, symbol.Version, symbol.IsMicro, runs);
        var data = new byte[Tables.DataCodewords(symbol.Version, symbol.Ecc, symbol.IsMicro)];
        DataCodewords.Write(in p, runs, symbol.Version, symbol.IsMicro, symbol.Ecc, bits, data);
        var result = new byte[Tables.TotalCodewords(symbol.Version, symbol.IsMicro)];
        Interleaving.Interleave(data, result, symbol.Version, symbol.Ecc, symbol.IsMicro);
        return result;
    }
}
