using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace QrForge.Server.Passes;

/// <summary>The verdict on a scanned token; the API writes these in snake_case (<c>not_yet_valid</c>).</summary>
public enum PassVerdict
{
    /// <summary>Signed by a known key, within its window, the pass exists and is not revoked.</summary>
    Valid,

    /// <summary>Not a token at all: wrong length, characters, version or structure.</summary>
    Malformed,

    /// <summary>Well formed, but the signature does not match (a changed or forged token).</summary>
    Tampered,

    /// <summary>The key id names no key, or a retired one.</summary>
    UnknownKey,

    /// <summary>Before the window opens (beyond the clock-skew tolerance).</summary>
    NotYetValid,

    /// <summary>After the window closes (beyond the clock-skew tolerance).</summary>
    Expired,

    /// <summary>The pass was revoked (or replaced by a reissue).</summary>
    Revoked,

    /// <summary>The signature is good but the pass is unknown to the caller's tenant.</summary>
    UnknownPass,
}

/// <summary>
/// A public key that verifies pass signatures (ECDSA P-256, SHA-256, raw r||s). Thread-safe: each verification
/// rents an <see cref="ECDsa"/> instance from a small pool, since one instance is not documented as safe for
/// concurrent use.
/// </summary>
public sealed class PassPublicKey
{
    private readonly ConcurrentBag<ECDsa> _pool = [];
    private readonly ECParameters _parameters;

    /// <summary>Makes a key from the curve point; throws <see cref="CryptographicException"/> when it is not on P-256.</summary>
    public PassPublicKey(uint id, Guid tenantId, byte[] x, byte[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != 32 || y.Length != 32)
        {
            throw new CryptographicException("A P-256 coordinate is 32 bytes.");
        }

        Id = id;
        TenantId = tenantId;
        X = x;
        Y = y;
        _parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } };
        _pool.Add(ECDsa.Create(_parameters)); // validates the point now rather than on first use
    }

    public uint Id { get; }

    public Guid TenantId { get; }

    public byte[] X { get; }

    public byte[] Y { get; }

    /// <summary>Whether <paramref name="signature"/> (64-byte r||s) signs <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!_pool.TryTake(out var ecdsa))
        {
            ecdsa = ECDsa.Create(_parameters);
        }

        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            if (_pool.Count < 2 * Environment.ProcessorCount)
            {
                _pool.Add(ecdsa);
            }
            else
            {
                ecdsa.Dispose();
            }
        }
    }
}

/// <summary>
/// Verifies pass tokens of either format without a database: the server (which then checks the pass itself) and
/// the offline <c>qrforge passes verify</c> use the same code. Every input gives a verdict; nothing throws.
/// </summary>
public static class PassVerifier
{
    /// <summary>Longest token looked at; anything longer is <see cref="PassVerdict.Malformed"/>.</summary>
    public const int MaxTokenLength = JwtPassToken.MaxLength;

    private static readonly char[] LineBreaks = ['\r', '\n', '\t'];

    /// <summary>
    /// Takes a token of either format apart; null when malformed. Surrounding line breaks and tabs (which some
    /// scanners append) are ignored, spaces are not: a space is a Base45 character.
    /// </summary>
    public static ParsedToken? Parse(string? token)
    {
        if (token is null || token.Length > MaxTokenLength)
        {
            return null;
        }

        token = token.Trim(LineBreaks);
        return JwtPassToken.LooksLikeJwt(token) ? JwtPassToken.TryParse(token) : CompactPassToken.TryParse(token);
    }

    /// <summary>
    /// The verdict on a parsed token signed (it claims) by <paramref name="key"/>, null when that key is unknown or
    /// retired: signature first, then the window widened by <paramref name="skew"/> on both sides.
    /// </summary>
    public static PassVerdict Check(ParsedToken token, PassPublicKey? key, DateTimeOffset now, TimeSpan skew)
    {
        var verdict = CheckSignature(token, key);
        return verdict == PassVerdict.Valid ? CheckWindow(token.Claims, now, skew) : verdict;
    }

    /// <summary><see cref="PassVerdict.UnknownKey"/>, <see cref="PassVerdict.Tampered"/>, or valid when <paramref name="key"/> signed the token.</summary>
    public static PassVerdict CheckSignature(ParsedToken token, PassPublicKey? key)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (key is null || key.Id != token.Claims.KeyId)
        {
            return PassVerdict.UnknownKey;
        }

        return key.Verify(token.SignedBytes, token.Signature) ? PassVerdict.Valid : PassVerdict.Tampered;
    }

    /// <summary>Valid from <c>ValidFrom - skew</c> (inclusive) to <c>ValidUntil + skew</c> (exclusive).</summary>
    public static PassVerdict CheckWindow(PassClaims claims, DateTimeOffset now, TimeSpan skew)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (now < claims.ValidFrom - skew)
        {
            return PassVerdict.NotYetValid;
        }

        return now >= claims.ValidUntil + skew ? PassVerdict.Expired : PassVerdict.Valid;
    }
}

/// <summary>
/// The published keys (<c>/.well-known/qrforge-keys.json</c>, a JWK set with <c>kid</c>, <c>tenant_id</c> and
/// <c>status</c> added) as offline verifiers load them.
/// </summary>
public sealed class PassKeySet
{
    private readonly Dictionary<uint, PassPublicKey> _keys;

    public PassKeySet(IEnumerable<PassPublicKey> keys) => _keys = keys.ToDictionary(k => k.Id);

    public int Count => _keys.Count;

    public PassPublicKey? Find(uint id) => _keys.GetValueOrDefault(id);

    /// <summary>Reads a key set; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static PassKeySet Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the key set has no \"keys\" array");
            }

            var list = new List<PassPublicKey>();
            foreach (var key in keys.EnumerateArray())
            {
                string? Field(string name) => key.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                if (Field("kty") != "EC" || Field("crv") != "P-256")
                {
                    continue; // not a pass key
                }

                if (!JwtPassToken.TryParseKeyId(Field("kid"), out var id))
                {
                    throw new FormatException($"key id '{Field("kid")}' is not 8 hex digits");
                }

                var tenant = Guid.TryParse(Field("tenant_id"), out var t) ? t : Guid.Empty;
                var x = Field("x") is { } xs ? Base64Url.DecodeFromChars(xs) : null;
                var y = Field("y") is { } ys ? Base64Url.DecodeFromChars(ys) : null;
                if (x is null || y is null)
                {
                    throw new FormatException($"key '{Field("kid")}' has no x or y");
                }

                list.Add(new PassPublicKey(id, tenant, x, y));
            }

            return new PassKeySet(list);
        }
        catch (Exception e) when (e is JsonException or CryptographicException or ArgumentException)
        {
            throw new FormatException($"not a QrForge key set: {e.Message}", e);
        }
    }
}
