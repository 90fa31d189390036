using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.IdentityModel.Tokens;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>Makes, finds and revokes API keys. Lookups by secret are cached; a revocation reaches every node within 5 s.</summary>
public sealed class ApiKeyService(IServiceProvider services, HybridCache cache, TimeProvider clock)
{
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromSeconds(5) };

    // Per node: when each key's last-used time was last written, so a busy key costs one write a minute.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTime> LastWritten = new();

    private QrForgeDbContext Db => services.GetRequiredService<QrForgeDbContext>();

    /// <summary>Makes a key; returns the row and the secret, which is never seen again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(Guid tenantId, string name, string role, DateTime? expiresAt, Guid? createdBy, CancellationToken ct)
    {
        var secret = ApiKey.SecretPrefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenantId,
            Name = name,
            Role = role,
            SecretHash = TokenService.Hash(secret),
            Hint = secret[..10],
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
        };
        Db.Add(key);
        await Db.SaveChangesAsync(ct);
        return (key, secret);
    }

    /// <summary>The key a secret belongs to, from the cache when possible; null when unknown.</summary>
    public async Task<ApiKeySnapshot?> FindBySecretAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(ApiKey.SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = TokenService.Hash(secret);
        var key = await cache.GetOrCreateAsync(
            CacheKey(hash),
            (services, hash),
            static async (state, token) =>
            {
                var db = state.services.GetRequiredService<QrForgeDbContext>();
                var row = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == state.hash, token);
                return row is null ? null : new ApiKeySnapshot(row.Id, row.TenantId, row.Name, row.Role, row.ExpiresAt, row.RevokedAt);
            },
            Entry,
            cancellationToken: ct);
        if (key is null)
        {
            // Unknown secrets are not remembered: guessing must not grow the cache.
            await cache.RemoveAsync(CacheKey(hash), ct);
        }

        return key;
    }

    /// <summary>Notes that a key was used, at most once a minute per key and node.</summary>
    public async Task TouchAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (LastWritten.TryGetValue(id, out var last) && now - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        LastWritten[id] = now;
        await Db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
    }

    /// <summary>Revokes a key of the current tenant (or any tenant when <paramref name="anyTenant"/>).</summary>
    public async Task<ApiKey?> RevokeAsync(Guid id, bool anyTenant, CancellationToken ct)
    {
        var keys = anyTenant ? Db.Set<ApiKey>().IgnoreQueryFilters() : Db.Set<ApiKey>();
        var key = await keys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return null;
        }

        key.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await Db.SaveChangesAsync(ct);
        await cache.RemoveAsync(CacheKey(key.SecretHash), ct);
        return key;
    }

    private static string CacheKey(string hash) => "apikey:" + hash;
}
