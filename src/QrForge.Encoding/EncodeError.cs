namespace QrForge.Encoding;

/// <summary>Why a symbol could not be built, without throwing on the hot path.</summary>
internal readonly record struct EncodeError(ArgumentException? Invalid, int RequiredBits, int AvailableBits, int MaxVersion, Ecc Ecc, bool Micro, bool TooLong)
{
    public string? Message => Invalid?.Message;

    public Exception ToException() => TooLong
        ? new DataTooLongException(RequiredBits, AvailableBits, MaxVersion, Ecc, Micro)
        : Invalid ?? new ArgumentException("The data cannot be encoded.");

    /// <summary>An invalid request; the exception is created but not thrown, so TryEncode stays exception-free.</summary>
    public static EncodeError InvalidArgument(ArgumentException exception) => new(exception, 0, 0, 0, default, false, false);

    public static EncodeError InvalidArgument(string message, string? param) => InvalidArgument(new ArgumentException(message, param));
}
