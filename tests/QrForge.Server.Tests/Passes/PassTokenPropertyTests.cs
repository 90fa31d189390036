using System.Security.Cryptography;
using CsCheck;
using QrForge.Server.Passes;

namespace QrForge.Server.Tests.Passes;

/// <summary>Both token formats, signed with real keys, judged by the shared verifier (no server).</summary>
public sealed class PassTokenPropertyTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset From = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static readonly (PassSigner Signer, PassPublicKey Public) KeyA = NewKey(0x0A0B0C0D);
    private static readonly (PassSigner Signer, PassPublicKey Public) KeyB = NewKey(0x11223344);

    internal static (PassSigner Signer, PassPublicKey Public) NewKey(uint id)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        return (new PassSigner(id, ecdsa.ExportPkcs8PrivateKey()), new PassPublicKey(id, Guid.Empty, q.X!, q.Y!));
    }

    private static readonly Gen<(Guid Pass, Guid Event, Guid Subject, long From, long Length)> Claims =
        Gen.Select(Gen.Guid, Gen.Guid, Gen.Guid, Gen.Long[0, 4_000_000_000], Gen.Long[1, 100_000_000])
            .Where(c => c.Item4 + c.Item5 <= uint.MaxValue)
            .Select((p, e, s, f, l) => (p, e, s, f, l));

    private static (string Compact, string Jwt, DateTimeOffset From, DateTimeOffset Until) Issue((Guid Pass, Guid Event, Guid Subject, long From, long Length) c, PassSigner signer)
    {
        var from = DateTimeOffset.FromUnixTimeSeconds(c.From);
        var until = DateTimeOffset.FromUnixTimeSeconds(c.From + c.Length);
        var (compact, jwt) = signer.Issue(c.Pass, c.Event, c.Subject, from, until);
        return (compact, jwt, from, until);
    }

    private static PassVerdict Verify(string token, DateTimeOffset now, params PassPublicKey[] keys)
    {
        var parsed = PassVerifier.Parse(token);
        return parsed is null ? PassVerdict.Malformed : PassVerifier.Check(parsed, keys.FirstOrDefault(k => k.Id == parsed.Claims.KeyId), now, Skew);
    }

    [Fact]
    public void ValidToken_EitherFormat_VerifiesWithItsClaims() =>
        Claims.Sample(c =>
        {
            var (compact, jwt, from, until) = Issue(c, KeyA.Signer);
            var inside = from + (until - from) / 2;
            foreach (var token in new[] { compact, jwt })
            {
                Assert.Equal(PassVerdict.Valid, Verify(token, inside, KeyA.Public));
                var claims = PassVerifier.Parse(token)!.Claims;
                Assert.Equal((c.Pass, c.Event, from, until, KeyA.Signer.KeyId), (claims.PassId, claims.EventId, claims.ValidFrom, claims.ValidUntil, claims.KeyId));
            }
        }, iter: 200);

    [Fact]
    public void CompactToken_IsAlphanumericAndFixedLength() =>
        Claims.Sample(c =>
        {
            var compact = Issue(c, KeyA.Signer).Compact;
            Assert.Equal(164, compact.Length);
            Assert.All(compact, ch => Assert.Contains(ch, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"));
        }, iter: 50);

    /// <summary>
    /// Every position, every other character: never valid. A change inside the key id names another key, which
    /// is refused as unknown_key (the verifier cannot tell a forged key id from a key it does not know).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnySingleCharacterChange_IsRefused(bool jwt)
    {
        var c = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.NewGuid(), From.ToUnixTimeSeconds(), (long)(Until - From).TotalSeconds);
        var issued = Issue(c, KeyA.Signer);
        var token = jwt ? issued.Jwt : issued.Compact;
        var now = From.AddHours(1);
        Assert.Equal(PassVerdict.Valid, Verify(token, now, KeyA.Public, KeyB.Public));
        var alphabet = jwt ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=" : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:a";
        var seen = new HashSet<PassVerdict>();
        var chars = token.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var original = chars[i];
            foreach (var replacement in alphabet)
            {
                if (replacement == original)
                {
                    continue;
                }

                chars[i] = replacement;
                var verdict = Verify(new string(chars), now, KeyA.Public, KeyB.Public);
                Assert.True(verdict is PassVerdict.Tampered or PassVerdict.Malformed or PassVerdict.UnknownKey, $"position {i}: '{original}' -> '{replacement}' gave {verdict}");
                seen.Add(verdict);
            }

            chars[i] = original;
        }

        Assert.Contains(PassVerdict.Tampered, seen);
        Assert.Contains(PassVerdict.Malformed, seen);
    }

    [Fact]
    public void AnySingleByteChange_OfTheCompactBytes_IsRefused()
    {
        var issued = Issue((Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), From.ToUnixTimeSeconds(), 86_400), KeyA.Signer);
        var bytes = Base45.Decode(issued.Compact)!;
        Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte[1, 255]).Sample((at, delta) =>
        {
            var changed = (byte[])bytes.Clone();
            changed[at] ^= delta;
            var verdict = Verify(Base45.Encode(changed), From.AddHours(1), KeyA.Public);
            Assert.True(verdict is PassVerdict.Tampered or PassVerdict.Malformed or PassVerdict.UnknownKey, $"byte {at} ^ {delta} gave {verdict}");
        }, iter: 2000);
    }

    [Fact]
    public void OtherKey_SameKeyIdClaimed_IsTampered()
    {
        // A forger with their own key writing KeyA's id: the signature does not match KeyA.
        var forger = NewKey(KeyA.Signer.KeyId).Signer;
        var issued = Issue((Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), From.ToUnixTimeSeconds(), 86_400), forger);
        Assert.Equal(PassVerdict.Tampered, Verify(issued.Compact, From.AddHours(1), KeyA.Public));
        Assert.Equal(PassVerdict.Tampered, Verify(issued.Jwt, From.AddHours(1), KeyA.Public));
    }

    [Fact]
    public void UnknownOrRetiredKey_IsUnknownKey() =>
        Claims.Sample(c =>
        {
            var (compact, jwt, from, _) = Issue(c, KeyB.Signer);
            Assert.Equal(PassVerdict.UnknownKey, Verify(compact, from, KeyA.Public)); // KeyB is not in the set (retired or never known)
            Assert.Equal(PassVerdict.UnknownKey, Verify(jwt, from));
        }, iter: 50);

    [Fact]
    public void Window_Boundaries_WithSkew()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(From - Skew - TimeSpan.FromSeconds(1));
        var issued = Issue((Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), From.ToUnixTimeSeconds(), (long)(Until - From).TotalSeconds), KeyA.Signer);
        PassVerdict At() => Verify(issued.Compact, time.GetUtcNow(), KeyA.Public);
        Assert.Equal(PassVerdict.NotYetValid, At());
        time.Advance(TimeSpan.FromSeconds(1)); // from - skew: inclusive
        Assert.Equal(PassVerdict.Valid, At());
        time.SetUtcNow(Until + Skew - TimeSpan.FromTicks(1));
        Assert.Equal(PassVerdict.Valid, At());
        time.Advance(TimeSpan.FromTicks(1)); // until + skew: exclusive
        Assert.Equal(PassVerdict.Expired, At());
        Assert.Equal(PassVerdict.Expired, PassVerifier.Check(PassVerifier.Parse(issued.Compact)!, KeyA.Public, Until, TimeSpan.Zero));
        Assert.Equal(PassVerdict.Valid, PassVerifier.Check(PassVerifier.Parse(issued.Compact)!, KeyA.Public, Until.AddTicks(-1), TimeSpan.Zero));
    }

    [Fact]
    public void Window_RandomTimes_MatchTheRule() =>
        Gen.Select(Claims, Gen.Long[-200_000, 200_000], Gen.Int[0, 600]).Sample((c, offset, skewSeconds) =>
        {
            var (compact, _, from, until) = Issue(c, KeyA.Signer);
            var skew = TimeSpan.FromSeconds(skewSeconds);
            var now = from.AddSeconds(offset);
            var expected = now < from - skew ? PassVerdict.NotYetValid : now >= until + skew ? PassVerdict.Expired : PassVerdict.Valid;
            Assert.Equal(expected, PassVerifier.Check(PassVerifier.Parse(compact)!, KeyA.Public, now, skew));
        }, iter: 200);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("eyJ")]
    [InlineData("eyJ.eyJ.AAAA")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.")]
    [InlineData("hello world")]
    [InlineData("\u0000\uffff")]
    public void Parse_Garbage_IsMalformed(string? token) => Assert.Null(PassVerifier.Parse(token));

    [Fact]
    public void Parse_AnyString_NeverThrows() =>
        Gen.String[0, 400].Sample(text => _ = PassVerifier.Parse(text), iter: 2000);

    [Fact]
    public void Parse_HugeToken_IsMalformed() => Assert.Null(PassVerifier.Parse(new string('A', 1_000_000)));
}
