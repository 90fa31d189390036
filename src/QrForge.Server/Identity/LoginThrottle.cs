using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace QrForge.Server.Identity;

/// <summary>
/// Growing delays after failed sign-ins, counted per account <em>and</em> client address, so that guessing a
/// password from one address slows down while nobody can lock the account's owner out from another address
/// (a per-account lock, which anyone can trigger, is what this replaces).
/// </summary>
/// <remarks>
/// After <see cref="AuthOptions.MaxFailedLogins"/> failures of one (email, address) pair, each further failure
/// refuses that pair for <see cref="AuthOptions.LockoutSeconds"/>, doubling up to 15 minutes; while refused, even
/// the right password is refused, with the same answer as any failure. A success clears the pair; a pair without
/// failures for 15 minutes after its last delay is forgotten. Failures are counted alike for emails that exist and
/// emails that do not, so the throttle tells nothing about which exist. The state lives in the shared (Redis)
/// cache when one is configured, so it holds across nodes; otherwise in this node's memory (bounded). Keys are
/// hashes: the cache holds no email or address.
/// </remarks>
public sealed class LoginThrottle
{
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private const int MaxDelaySeconds = 900;

    private readonly IDistributedCache _store;
    private readonly TimeProvider _clock;
    private readonly IOptions<AuthOptions> _options;

    public LoginThrottle(IServiceProvider services, TimeProvider clock, IOptions<AuthOptions> options)
    {
        _store = services.GetService<IDistributedCache>()
            ?? new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { SizeLimit = 1_000_000 }));
        _clock = clock;
        _options = options;
    }

    private AuthOptions Settings => _options.Value;

    /// <summary>True while <paramref name="email"/> from <paramref name="client"/> must wait: sign-in is refused.</summary>
    public async Task<bool> IsDelayedAsync(string email, string client, CancellationToken ct)
    {
        var state = await ReadAsync(Key(email, client), ct);
        return state.BlockedUntil > _clock.GetUtcNow().UtcTicks;
    }

    /// <summary>
    /// Counts a failure of the pair; from the <c>MaxFailedLogins</c>-th on, each starts a longer delay. Attempts
    /// during a delay are not counted (they were not checked), so the owner's retries never lengthen it.
    /// </summary>
    public async Task FailedAsync(string email, string client, CancellationToken ct)
    {
        var key = Key(email, client);
        var state = await ReadAsync(key, ct);
        var now = _clock.GetUtcNow();
        // An attempt refused during a delay tests no password: it does not grow the delay (but costs the same write).
        var delayed = state.BlockedUntil > now.UtcTicks;
        var failures = delayed ? state.Failures : state.Failures + 1;
        var blockedUntil = state.BlockedUntil;
        if (!delayed && failures >= Settings.MaxFailedLogins)
        {
            var doublings = Math.Min(failures - Settings.MaxFailedLogins, 10);
            blockedUntil = now.AddSeconds(Math.Min(MaxDelaySeconds, Settings.LockoutSeconds * (1 << doublings))).UtcTicks;
        }

        var value = new byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(value, failures);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(4), blockedUntil);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(12), ForgetAt(blockedUntil, now.UtcTicks));
        var keep = TimeSpan.FromTicks(Math.Max(blockedUntil - now.UtcTicks, 0)) + Forget; // relative: the store's clock may differ from ours
        await _store.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = keep }, ct);
    }

    /// <summary>Clears the pair after a successful sign-in.</summary>
    public Task SucceededAsync(string email, string client, CancellationToken ct) => _store.RemoveAsync(Key(email, client), ct);

    private async Task<(int Failures, long BlockedUntil)> ReadAsync(string key, CancellationToken ct)
    {
        var value = await _store.GetAsync(key, ct);
        return value is { Length: 20 } && BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(12)) > _clock.GetUtcNow().UtcTicks
            ? (BinaryPrimitives.ReadInt32LittleEndian(value), BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(4)))
            : (0, 0);
    }

    // A pair is forgotten 15 minutes after its last failure or the end of its delay, whichever is later.
    private static long ForgetAt(long blockedUntil, long now) => Math.Max(blockedUntil, now) + Forget.Ticks;

    private static string Key(string email, string client)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(User.NormalizeEmail(email) + "\n" + client), hash);
        return "qrforge:login:" + Convert.ToHexString(hash[..16]);
    }
}
