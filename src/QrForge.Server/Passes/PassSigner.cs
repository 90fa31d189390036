using System.Security.Cryptography;

namespace QrForge.Server.Passes;

/// <summary>A tenant's active private key in memory. Signing is serialised per key (an ECDsa instance is not thread-safe).</summary>
public sealed class PassSigner
{
    private readonly ECDsa _key;
    private readonly Lock _lock = new();

    internal PassSigner(uint keyId, byte[] pkcs8)
    {
        KeyId = keyId;
        _key = ECDsa.Create();
        _key.ImportPkcs8PrivateKey(pkcs8, out _);
        CryptographicOperations.ZeroMemory(pkcs8);
    }

    public uint KeyId { get; }

    /// <summary>ECDSA P-256 / SHA-256, raw 64-byte r||s.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            return _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>Signs both token forms of a pass.</summary>
    public (string Compact, string Jwt) Issue(Guid passId, Guid eventId, Guid subjectId, DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        var claims = new PassClaims(KeyId, passId, eventId, validFrom, validUntil);
        var payload = CompactPassToken.Payload(claims);
        var compact = CompactPassToken.Write(payload, Sign(payload));
        var input = JwtPassToken.SigningInput(claims, subjectId);
        var jwt = JwtPassToken.Write(input, Sign(System.Text.Encoding.ASCII.GetBytes(input)));
        return (compact, jwt);
    }
}
