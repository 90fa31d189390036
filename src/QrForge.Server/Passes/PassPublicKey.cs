using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace QrForge.Server.Passes;

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
