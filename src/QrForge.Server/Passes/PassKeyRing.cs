using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// The signing keys of every tenant, as this node sees them. Public keys and each tenant's active signer are
/// kept in memory for <c>KeyCacheSeconds</c> (so a rotation or retirement on another node is seen within that
/// time; on this node at once). Private keys are read from the database as Data Protection ciphertext and
/// only ever held in memory; they are never cached in the shared cache, logged or returned.
/// </summary>
public sealed class PassKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock, IOptions<PassesOptions> options) : IDisposable
{
    private const string Purpose = "QrForge.Passes.SigningKey.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly ConcurrentDictionary<uint, (PassPublicKey? Key, long Expires)> _verifiers = new();
    private readonly ConcurrentDictionary<Guid, (PassSigner Signer, long Expires)> _signers = new();
    private readonly SemaphoreSlim _creating = new(1, 1);

    public void Dispose() => _creating.Dispose();

    private long Ttl => TimeSpan.FromSeconds(options.Value.KeyCacheSeconds).Ticks;

    /// <summary>The key that verifies tokens with this id; null when it is unknown or retired.</summary>
    public async ValueTask<PassPublicKey?> FindAsync(uint id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (_verifiers.TryGetValue(id, out var entry) && entry.Expires > now)
        {
            return entry.Key;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var row = await db.SigningKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.Id == (long)id, ct);
        var key = row is null || row.RetiredAt is not null ? null : new PassPublicKey(id, row.TenantId, row.PublicX, row.PublicY);
        if (row is not null)
        {
            // Unknown ids are not remembered: a stream of random key ids must not grow the map.
            _verifiers[id] = (key, now + Ttl);
        }

        return key;
    }

    /// <summary>The tenant's active signer, making the tenant's first key when it has none.</summary>
    public async ValueTask<PassSigner> SignerAsync(Guid tenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (_signers.TryGetValue(tenantId, out var entry) && entry.Expires > now)
        {
            return entry.Signer;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var row = await ActiveKeyAsync(db, tenantId, ct);
        if (row is null)
        {
            await _creating.WaitAsync(ct);
            try
            {
                row = await ActiveKeyAsync(db, tenantId, ct) ?? await CreateKeyAsync(db, tenantId, ct);
            }
            finally
            {
                _creating.Release();
            }
        }

        var signer = new PassSigner((uint)row.Id, _protector.Unprotect(row.ProtectedPrivateKey));
        _signers[tenantId] = (signer, now + Ttl);
        return signer;
    }

    /// <summary>Makes a new active key for the tenant; the previous active keys become verify-only.</summary>
    public async Task<SigningKey> RotateAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SigningKeys.IgnoreQueryFilters()
            .Where(k => k.TenantId == tenantId && k.RotatedAt == null && k.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RotatedAt, now), ct);
        var key = await CreateKeyAsync(db, tenantId, ct);
        _signers.TryRemove(tenantId, out _);
        return key;
    }

    /// <summary>
    /// Retires a verify-only key of the tenant: its tokens are refused from now on. The active key cannot be
    /// retired (rotate first). Returns the key, or null when the tenant has no such key.
    /// </summary>
    public async Task<(SigningKey? Key, bool WasActive)> RetireAsync(Guid tenantId, uint id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var key = await db.SigningKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.Id == (long)id && k.TenantId == tenantId, ct);
        if (key is null)
        {
            return (null, false);
        }

        if (key.Status == SigningKeyStatus.Active)
        {
            return (key, true);
        }

        key.RetiredAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        _verifiers.TryRemove(id, out _);
        return (key, false);
    }

    /// <summary>Every key that still verifies (active and verify-only), of all tenants: what is published.</summary>
    public async Task<List<SigningKey>> PublishedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        return await db.SigningKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.RetiredAt == null).OrderBy(k => k.CreatedAt).ToListAsync(ct);
    }

    private static Task<SigningKey?> ActiveKeyAsync(QrForgeDbContext db, Guid tenantId, CancellationToken ct) =>
        db.SigningKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.TenantId == tenantId && k.RotatedAt == null && k.RetiredAt == null)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .FirstOrDefaultAsync(ct);

    private async Task<SigningKey> CreateKeyAsync(QrForgeDbContext db, Guid tenantId, CancellationToken ct)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(false);
        var key = new SigningKey
        {
            TenantId = tenantId,
            PublicX = parameters.Q.X!,
            PublicY = parameters.Q.Y!,
            ProtectedPrivateKey = _protector.Protect(ecdsa.ExportPkcs8PrivateKey()),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        for (var attempt = 0; ; attempt++)
        {
            key.Id = NewKeyId();
            db.SigningKeys.Add(key);
            try
            {
                await db.SaveChangesAsync(ct);
                return key;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A random id collided with another key's (1 in 4 billion): try another.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static long NewKeyId()
    {
        Span<byte> bytes = stackalloc byte[4];
        uint id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        }
        while (id == 0);
        return id;
    }
}
