namespace QrForge.Encoding;

/// <summary>
/// Version planning (§7.4, Table 7): the smallest version in the allowed range whose data capacity holds the
/// planned bits, then the optional ECC boost. The count-field widths are the same through a version class
/// (1–9, 10–26, 27–40), so one plan of the runs serves a whole class.
/// </summary>
internal static class VersionPlanner
{
    /// <summary>A run's count does not fit its count field.</summary>
    public const int Overflow = -1;

    /// <summary>The symbol has no mode for some of the data.</summary>
    public const int Unrepresentable = -2;

    /// <summary>
    /// Chooses the version and ECC level and leaves the runs of that plan in <paramref name="runs"/>; false with
    /// <paramref name="error"/> when no allowed symbol holds the data. The planned bits (headers, mode indicators,
    /// count fields and data) come back in <paramref name="bits"/>.
    /// </summary>
    public static bool TryChoose(ref Payload p, QrEncodeOptions o, int maxVersion, List<TextRun> runs, out int version, out Ecc ecc, out int bits, out EncodeError error)
    {
        var micro = o.Micro;
        ecc = o.Ecc;
        var lowerBound = p.Kind == PayloadKind.Text && p.ForcedMode is null ? Segmenter.LowerBoundBits(p.Text, p.Charset) : 0;
        version = -1;
        bits = -1;
        var overflow = false;
        for (var v = o.MinVersion; v <= maxVersion && version < 0;)
        {
            // QR Code count fields are the same through a version class, so one plan serves the class.
            var classEnd = micro ? v : Math.Min(maxVersion, Tables.ClassMaxVersion(Tables.VersionClass(v)));
            if (micro && !Tables.Supports(v, ecc, micro))
            {
                v++;
                continue;
            }

            if (lowerBound > Tables.DataBits(classEnd, ecc, micro))
            {
                v = classEnd + 1; // not even the largest version of the class at the lowest level holds it
                continue;
            }

            var planned = Plan(ref p, v, micro, runs);
            overflow |= planned == Overflow;
            for (var w = v; planned >= 0 && w <= classEnd; w++)
            {
                if (planned <= Tables.DataBits(w, ecc, micro))
                {
                    version = w;
                    bits = planned;
                    break;
                }
            }

            v = classEnd + 1;
        }

        if (version < 0)
        {
            // Report the need at the largest allowed version (the classes skipped above were never planned).
            var lastBits = Plan(ref p, maxVersion, micro, runs);
            overflow |= lastBits == Overflow;
            error = NotFitting(o, maxVersion, lastBits, overflow);
            return false;
        }

        if (o.BoostEcc)
        {
            for (var e = ecc + 1; e <= Ecc.H; e++)
            {
                if (Tables.Supports(version, e, micro) && bits <= Tables.DataBits(version, e, micro))
                {
                    ecc = e;
                }
            }
        }

        error = default;
        return true;
    }

    /// <summary>
    /// Fills <paramref name="runs"/> for <paramref name="version"/> and returns the total bits (headers, mode
    /// indicators, count fields and data), <see cref="Overflow"/> when a count does not fit its field, or
    /// <see cref="Unrepresentable"/> when the symbol has no mode for some of the data.
    /// </summary>
    public static int Plan(ref Payload p, int version, bool micro, List<TextRun> runs)
    {
        runs.Clear();
        switch (p.Kind)
        {
            case PayloadKind.Text when p.ForcedMode is QrMode forced:
                var count = forced == QrMode.Byte ? p.Charset.ByteCount(p.Text) : p.Text.Length;
                if (p.Text.Length > 0)
                {
                    runs.Add(new TextRun(forced, 0, p.Text.Length, count));
                }

                break;
            case PayloadKind.Text:
                if (!Segmenter.Plan(p.Text, version, micro, p.AllowKanji, p.Charset, p.AsciiBytesOnly, runs))
                {
                    return Unrepresentable;
                }

                break;
            case PayloadKind.Bytes:
                if (p.Bytes.Length > 0)
                {
                    runs.Add(new TextRun(QrMode.Byte, 0, p.Bytes.Length, p.Bytes.Length));
                }

                break;
            default:
                var segments = p.Segments!;
                for (var i = 0; i < segments.Count; i++)
                {
                    var s = segments[i];
                    runs.Add(new TextRun(s.Mode, i, 0, s.CharCount));
                }

                break;
        }

        var bits = p.HeaderBits();
        var modeBits = Tables.ModeIndicatorBits(version, micro);
        foreach (var run in runs)
        {
            if (run.Mode > QrMode.Kanji)
            {
                bits += 4 + p.Segments![run.Start].BitLength; // a header segment given by the caller
                continue;
            }

            var cc = Tables.CharCountBits(run.Mode, version, micro);
            if (cc == 0)
            {
                return Unrepresentable;
            }

            if (run.CharCount >= 1 << cc)
            {
                return Overflow;
            }

            bits += modeBits + cc + (p.Kind == PayloadKind.Segments ? p.Segments![run.Start].BitLength : Segmenter.DataBits(run));
        }

        return bits;
    }

    private static EncodeError NotFitting(QrEncodeOptions o, int maxVersion, int lastBits, bool overflow)
    {
        var micro = o.Micro;
        if (micro && !Tables.Supports(maxVersion, o.Ecc, true) && (maxVersion < 4 || o.Ecc == Ecc.H))
        {
            var anySupported = false;
            for (var v = o.MinVersion; v <= maxVersion; v++)
            {
                anySupported |= Tables.Supports(v, o.Ecc, true);
            }

            if (!anySupported)
            {
                return EncodeError.InvalidArgument($"Micro QR versions M{o.MinVersion}-M{maxVersion} do not offer error correction level {o.Ecc}.", nameof(o.Ecc));
            }
        }

        if (lastBits == Unrepresentable)
        {
            return EncodeError.InvalidArgument(micro
                ? $"The data has characters that Micro QR M{o.MinVersion}-M{maxVersion} cannot hold in any of its modes."
                : "The data cannot be written in the forced mode.", "data");
        }

        var available = Tables.DataBits(maxVersion, o.Ecc, micro);
        return new EncodeError(null, overflow && lastBits < 0 ? -1 : lastBits, available, maxVersion, o.Ecc, micro, true);
    }
}
