using System.Buffers.Binary;

namespace QrForge.Server.Passes;

/// <summary>
/// The compact token: 109 bytes written as 164 Base45 characters. Layout (big-endian, offsets in bytes):
/// <code>
///  0      1  format version (1)
///  1..4   4  key id (uint32)
///  5..20 16  pass id (UUID, RFC 9562 byte order)
/// 21..36 16  event id (UUID)
/// 37..40  4  valid from, Unix seconds (uint32)
/// 41..44  4  valid until, Unix seconds (uint32, exclusive)
/// 45..108 64 ECDSA P-256 / SHA-256 signature over bytes 0..44, r || s (32 bytes each)
/// </code>
/// </summary>
public static class CompactPassToken
{
    public const byte FormatVersion = 1;

    /// <summary>Bytes before the signature.</summary>
    public const int PayloadLength = 45;

    public const int SignatureLength = 64;

    public const int TokenLength = PayloadLength + SignatureLength;

    /// <summary>Characters of the Base45 text.</summary>
    public static readonly int TextLength = Base45.EncodedLength(TokenLength);

    /// <summary>The bytes that are signed.</summary>
    public static byte[] Payload(PassClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var payload = new byte[PayloadLength];
        payload[0] = FormatVersion;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), claims.KeyId);
        claims.PassId.TryWriteBytes(payload.AsSpan(5, 16), bigEndian: true, out _);
        claims.EventId.TryWriteBytes(payload.AsSpan(21, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(37), checked((uint)claims.ValidFrom.ToUnixTimeSeconds()));
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(41), checked((uint)claims.ValidUntil.ToUnixTimeSeconds()));
        return payload;
    }

    /// <summary>The token text: payload and signature in Base45.</summary>
    public static string Write(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        if (payload.Length != PayloadLength || signature.Length != SignatureLength)
        {
            throw new ArgumentException("A compact token is a 45-byte payload and a 64-byte signature.");
        }

        Span<byte> token = stackalloc byte[TokenLength];
        payload.CopyTo(token);
        signature.CopyTo(token[PayloadLength..]);
        return Base45.Encode(token);
    }

    /// <summary>Takes a compact token apart; null when it is not one (any length, any characters).</summary>
    public static ParsedToken? TryParse(ReadOnlySpan<char> text)
    {
        if (text.Length != TextLength)
        {
            return null;
        }

        Span<byte> token = stackalloc byte[TokenLength];
        if (!Base45.TryDecode(text, token, out var written) || written != TokenLength || token[0] != FormatVersion)
        {
            return null;
        }

        var from = BinaryPrimitives.ReadUInt32BigEndian(token[37..]);
        var until = BinaryPrimitives.ReadUInt32BigEndian(token[41..]);
        if (until <= from)
        {
            return null;
        }

        var claims = new PassClaims(
            BinaryPrimitives.ReadUInt32BigEndian(token[1..]),
            new Guid(token.Slice(5, 16), bigEndian: true),
            new Guid(token.Slice(21, 16), bigEndian: true),
            DateTimeOffset.FromUnixTimeSeconds(from),
            DateTimeOffset.FromUnixTimeSeconds(until));
        return new ParsedToken(PassTokenFormat.Compact, claims, token[..PayloadLength].ToArray(), token[PayloadLength..].ToArray());
    }
}
