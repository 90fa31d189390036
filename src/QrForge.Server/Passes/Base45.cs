namespace QrForge.Server.Passes;

/// <summary>
/// Base45 (RFC 9285): two bytes become three characters of the QR Code alphanumeric set, a final odd byte two.
/// Decoding is strict: characters outside the 45-character alphabet, a length of 1 modulo 3, and groups whose
/// value is out of range (over 65,535 for three characters, over 255 for a final two) are rejected, so every
/// byte string has exactly one encoding and a changed character can never decode to the same bytes.
/// </summary>
public static class Base45
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    // Character -> value, or -1; only ASCII can be valid.
    private static readonly sbyte[] Values = BuildValues();

    /// <summary>The length of the encoding of <paramref name="byteCount"/> bytes.</summary>
    public static int EncodedLength(int byteCount) => byteCount / 2 * 3 + byteCount % 2 * 2;

    /// <summary>Encodes <paramref name="data"/> (RFC 9285 §4).</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        return string.Create(EncodedLength(data.Length), data.ToArray(), static (chars, bytes) =>
        {
            var o = 0;
            var i = 0;
            for (; i + 1 < bytes.Length; i += 2)
            {
                var n = bytes[i] * 256 + bytes[i + 1]; // 0..65535 = c + 45 d + 2025 e
                chars[o++] = Alphabet[n % 45];
                chars[o++] = Alphabet[n / 45 % 45];
                chars[o++] = Alphabet[n / 2025];
            }

            if (i < bytes.Length)
            {
                var n = bytes[i]; // 0..255 = c + 45 d
                chars[o++] = Alphabet[n % 45];
                chars[o] = Alphabet[n / 45];
            }
        });
    }

    /// <summary>The number of bytes <paramref name="charCount"/> characters decode to, or -1 when its length is impossible.</summary>
    public static int DecodedLength(int charCount) => charCount % 3 == 1 ? -1 : charCount / 3 * 2 + (charCount % 3 == 2 ? 1 : 0);

    /// <summary>
    /// Decodes <paramref name="text"/> into <paramref name="destination"/>; false (never an exception) when the text
    /// is not canonical Base45 or the destination is too small.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        var length = DecodedLength(text.Length);
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        var o = 0;
        var i = 0;
        for (; i + 2 < text.Length; i += 3)
        {
            int c = Value(text[i]), d = Value(text[i + 1]), e = Value(text[i + 2]);
            if ((c | d | e) < 0)
            {
                return false;
            }

            var n = c + 45 * d + 2025 * e;
            if (n > 0xFFFF)
            {
                return false;
            }

            destination[o++] = (byte)(n >> 8);
            destination[o++] = (byte)n;
        }

        if (i < text.Length)
        {
            int c = Value(text[i]), d = Value(text[i + 1]);
            if ((c | d) < 0)
            {
                return false;
            }

            var n = c + 45 * d;
            if (n > 0xFF)
            {
                return false;
            }

            destination[o++] = (byte)n;
        }

        written = o;
        return true;
    }

    /// <summary>Decodes <paramref name="text"/>; null when it is not canonical Base45.</summary>
    public static byte[]? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = DecodedLength(text.Length);
        if (length < 0)
        {
            return null;
        }

        var bytes = new byte[length];
        return TryDecode(text, bytes, out _) ? bytes : null;
    }

    private static int Value(char c) => c < 128 ? Values[c] : -1;

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
