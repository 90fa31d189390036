namespace QrForge.Encoding;

// The parameter names reported are those of the QrEncodeOptions properties, which is what a caller sets.
#pragma warning disable CA2208

/// <summary>Validation of the options that describe which symbols are allowed.</summary>
internal static class VersionRange
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 1 ≤ min ≤ max ≤ 40 (4 for Micro QR).</summary>
    public static void Check(int min, int max, bool micro)
    {
        var error = Validate(min, max, micro);
        if (error is not null)
        {
            throw error;
        }
    }

    public static ArgumentException? Validate(int min, int max, bool micro)
    {
        var top = micro ? Tables.MaxMicroVersion : Tables.MaxVersion;
        if (min < 1 || min > top)
        {
            return new ArgumentOutOfRangeException("MinVersion", min, $"The minimum version must be 1-{top}.");
        }

        if (max < min || max > top)
        {
            return new ArgumentOutOfRangeException("MaxVersion", max, $"The maximum version must be {min}-{top}.");
        }

        return null;
    }

    /// <summary>Checks every option; returns the error to report, or null.</summary>
    public static ArgumentException? Validate(QrEncodeOptions o, out int maxVersion)
    {
        // A Micro QR request keeps the default maximum of 40 meaning "any", that is M4.
        maxVersion = o.Micro && o.MaxVersion == Tables.MaxVersion ? Tables.MaxMicroVersion : o.MaxVersion;
        if (!Enum.IsDefined(o.Ecc))
        {
            return new ArgumentOutOfRangeException(nameof(o.Ecc), o.Ecc, "Ecc must be L, M, Q or H.");
        }

        var range = Validate(o.MinVersion, maxVersion, o.Micro);
        if (range is not null)
        {
            return range;
        }

        var maskCount = o.Micro ? 4 : 8;
        if (o.Mask is int mask && (mask < 0 || mask >= maskCount))
        {
            return new ArgumentOutOfRangeException(nameof(o.Mask), mask, $"The mask must be 0-{maskCount - 1}.");
        }

        if (o.Mode is QrMode mode && mode is not (QrMode.Numeric or QrMode.Alphanumeric or QrMode.Byte or QrMode.Kanji))
        {
            return new ArgumentOutOfRangeException(nameof(o.Mode), mode, "The forced mode must be numeric, alphanumeric, byte or kanji.");
        }

        if (o.Eci is int eci)
        {
            if (o.Micro)
            {
                return new ArgumentException("Micro QR symbols cannot hold an ECI designator.", nameof(o.Eci));
            }

            if (eci is < 0 or > 999_999)
            {
                return new ArgumentOutOfRangeException(nameof(o.Eci), eci, "The ECI assignment number must be 0-999999.");
            }
        }

        if (o.Fnc1 != QrFnc1.None)
        {
            if (o.Micro)
            {
                return new ArgumentException("Micro QR symbols cannot hold FNC1.", nameof(o.Fnc1));
            }

            if (!Enum.IsDefined(o.Fnc1))
            {
                return new ArgumentOutOfRangeException(nameof(o.Fnc1), o.Fnc1, "Fnc1 must be None, First or Second.");
            }

            if (o.Fnc1 == QrFnc1.Second && SegmentWriter.ApplicationIndicatorByte(o.ApplicationIndicator) < 0)
            {
                return new ArgumentException("The application indicator is one letter a-z or A-Z, or two digits 00-99.", nameof(o.ApplicationIndicator));
            }
        }

        return null;
    }
}
