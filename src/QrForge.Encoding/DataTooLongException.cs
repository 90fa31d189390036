namespace QrForge.Encoding;

/// <summary>
/// Thrown when the data does not fit in any symbol allowed by the options.
/// </summary>
/// <remarks>
/// <see cref="RequiredBits"/> is the length of the shortest encoding of the data at the largest allowed
/// version, and <see cref="AvailableBits"/> is that version's data capacity at the requested error
/// correction level, so callers can report by how much the data is too long.
/// </remarks>
public sealed class DataTooLongException : ArgumentException
{
    /// <summary>Creates the exception with a message built from the numbers.</summary>
    /// <param name="requiredBits">Bits the data needs, or -1 when a segment's character count does not fit its count field.</param>
    /// <param name="availableBits">Data bits the largest allowed symbol holds.</param>
    /// <param name="maxVersion">The largest allowed version (1–40, or 1–4 for Micro QR).</param>
    /// <param name="ecc">The requested error correction level.</param>
    /// <param name="micro">Whether the symbol is a Micro QR symbol.</param>
    public DataTooLongException(int requiredBits, int availableBits, int maxVersion, Ecc ecc, bool micro)
        : base(BuildMessage(requiredBits, availableBits, maxVersion, ecc, micro))
    {
        RequiredBits = requiredBits;
        AvailableBits = availableBits;
        MaxVersion = maxVersion;
        Ecc = ecc;
        IsMicro = micro;
    }

    /// <summary>Creates the exception with a message of the caller's own.</summary>
    public DataTooLongException(string message) : base(message) => RequiredBits = -1;

    /// <summary>Creates the exception with no details.</summary>
    public DataTooLongException() : this("The data is too long for any allowed symbol.") { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DataTooLongException(string message, Exception innerException) : base(message, innerException) => RequiredBits = -1;

    /// <summary>Bits the data needs, or -1 when a character count overflows its count field.</summary>
    public int RequiredBits { get; }

    /// <summary>Data bits the largest allowed symbol holds.</summary>
    public int AvailableBits { get; }

    /// <summary>The largest allowed version.</summary>
    public int MaxVersion { get; }

    /// <summary>The requested error correction level.</summary>
    public Ecc Ecc { get; }

    /// <summary>Whether the limit was a Micro QR symbol.</summary>
    public bool IsMicro { get; }

    private static string BuildMessage(int required, int available, int maxVersion, Ecc ecc, bool micro)
    {
        var name = micro ? $"M{maxVersion}" : maxVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return required < 0
            ? $"The data is too long: a segment's character count does not fit version {name}-{ecc}."
            : $"The data needs {required} bits but version {name}-{ecc} holds at most {available} bits.";
    }
}
