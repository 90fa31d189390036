using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>
/// The access-token signing keys, loaded from the database and refreshed in the background, so validation never
/// waits on I/O. A new key is published <see cref="AuthOptions.KeyPublishSeconds"/> before it signs: by the time
/// any node signs with it, every node has loaded it.
/// </summary>
public sealed class JwtKeyRing(
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    TimeProvider clock,
    IOptions<AuthOptions> options,
    ILogger<JwtKeyRing> logger) : BackgroundService
{
    private readonly IDataProtector _protector = protection.CreateProtector("QrForge.Identity.JwtKeys.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Ring _ring = Ring.Empty;

    private AuthOptions Settings => options.Value;

    /// <summary>Changes whenever the set of verifying keys changes (a key added or retired).</summary>
    public int Generation => _ring.Generation;

    /// <summary>The keys that verify tokens, by id (retired keys are absent).</summary>
    public IEnumerable<SecurityKey> Resolve(string? kid) =>
        kid is not null && _ring.Public.TryGetValue(kid, out var key) ? [key] : [];

    /// <summary>The key to sign with now; loads the ring (and makes the first key) when needed.</summary>
    public async Task<SigningCredentials> SigningCredentialsAsync(CancellationToken ct)
    {
        if (_ring.Signing is null)
        {
            await ReloadAsync(ct);
        }

        return _ring.Signing ?? throw new InvalidOperationException("No signing key could be loaded or made.");
    }

    /// <summary>Makes a new key; it starts signing once published. Returns its id.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var key = NewKey();
        db.Set<JwtKey>().Add(key);
        await db.SaveChangesAsync(ct);
        await ReloadAsync(ct);
        return key.Id;
    }

    /// <summary>Retires a key: tokens it signed stop verifying at the next refresh of each node.</summary>
    public async Task<bool> RetireAsync(string id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Set<JwtKey>().Where(k => k.Id == id && k.RetiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), ct);
        await ReloadAsync(ct);
        return changed > 0;
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            var keys = await db.Set<JwtKey>().AsNoTracking().Where(k => k.RetiredAt == null).ToListAsync(ct);
            if (keys.Count == 0)
            {
                var first = NewKey();
                first.CreatedAt = first.CreatedAt.AddSeconds(-Settings.KeyPublishSeconds); // nobody can hold an older ring
                db.Set<JwtKey>().Add(first);
                await db.SaveChangesAsync(ct);
                keys.Add(first);
            }

            _ring = Build(keys);
        }
        finally
        {
            _loading.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Settings.KeyRefreshSeconds), clock);
        do
        {
            try
            {
                await ReloadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may still be migrating or briefly away; the last ring stays in use.
                IdentityLog.KeyRingReloadFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private JwtKey NewKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new JwtKey
        {
            Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
            ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(ecdsa.ExportPkcs8PrivateKey())),
            PublicKey = Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    private Ring Build(List<JwtKey> keys)
    {
        var publicKeys = ImmutableDictionary.CreateBuilder<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (_ring.Public.TryGetValue(key.Id, out var loaded))
            {
                publicKeys[key.Id] = loaded;
                continue;
            }

            var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.PublicKey), out _);
            publicKeys[key.Id] = new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
        }

        // The newest published key signs; a key younger than the publish delay waits its turn.
        var publishedBefore = clock.GetUtcNow().UtcDateTime.AddSeconds(-Settings.KeyPublishSeconds);
        var signer = keys.Where(k => k.CreatedAt <= publishedBefore).MaxBy(k => k.CreatedAt) ?? keys.MinBy(k => k.CreatedAt)!;
        var signing = _ring.Signing is { } current && current.Kid == signer.Id ? current : Credentials(signer);
        var ids = publicKeys.Keys.Order(StringComparer.Ordinal);
        var same = _ring.Public.Count == publicKeys.Count && _ring.Public.Keys.Order(StringComparer.Ordinal).SequenceEqual(ids, StringComparer.Ordinal);
        return new Ring(publicKeys.ToImmutable(), signing, same ? _ring.Generation : _ring.Generation + 1);
    }

    private SigningCredentials Credentials(JwtKey key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey)), out _);
        return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = key.Id }, SecurityAlgorithms.EcdsaSha256);
    }

    public override void Dispose()
    {
        _loading.Dispose();
        base.Dispose();
    }

    private sealed record Ring(ImmutableDictionary<string, SecurityKey> Public, SigningCredentials? Signing, int Generation)
    {
        public static readonly Ring Empty = new(ImmutableDictionary<string, SecurityKey>.Empty, null, 0);
    }
}
