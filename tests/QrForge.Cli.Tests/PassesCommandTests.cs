using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using QrForge.Server.Passes;

namespace QrForge.Cli.Tests;

/// <summary>
/// <c>qrforge passes verify</c>. The tokens are built here by hand from the layout in docs/passes.md (not with the
/// service's signer), so these tests also hold the documented layout to the verifier.
/// </summary>
public sealed class PassesCommandTests : IDisposable
{
    private const uint KeyId = 0x00C0FFEE;
    private static readonly DateTimeOffset From = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TempDirectory _dir = new();
    private readonly string _keys;

    public PassesCommandTests()
    {
        var q = _key.ExportParameters(false).Q;
        _keys = _dir.File("keys.json");
        File.WriteAllText(_keys, $$"""{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"00c0ffee","x":"{{Base64Url.EncodeToString(q.X)}}","y":"{{Base64Url.EncodeToString(q.Y)}}","tenant_id":"00000000-0000-0000-0000-000000000001","status":"active"}]}""");
    }

    public void Dispose()
    {
        _key.Dispose();
        _dir.Dispose();
    }

    private string Compact(uint keyId = KeyId, ECDsa? signer = null)
    {
        var payload = new byte[45];
        payload[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), keyId);
        // UUIDs in the order their text is written (docs/passes.md), taken from the hex digits, not from Guid.
        Convert.FromHexString("0196a1b2000070008000000000000001").CopyTo(payload, 5);
        Convert.FromHexString("0196a1b2000070008000000000000002").CopyTo(payload, 21);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(37), (uint)From.ToUnixTimeSeconds());
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(41), (uint)From.AddHours(10).ToUnixTimeSeconds());
        var signature = (signer ?? _key).SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Base45.Encode([.. payload, .. signature]);
    }

    [Fact]
    public void Verify_ValidToken_PrintsValidAndExitsZero()
    {
        var result = TestCli.Run("passes", "verify", Compact(), "--keys", _keys, "--at", "2026-05-01T09:00:00Z");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("valid: pass 0196a1b2-0000-7000-8000-000000000001 for event 0196a1b2-0000-7000-8000-000000000002", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-05-01T07:57:00Z", "not_yet_valid")]
    [InlineData("2026-05-01T07:58:00Z", "valid")]
    [InlineData("2026-05-01T18:01:59Z", "valid")]
    [InlineData("2026-05-01T18:02:00Z", "expired")]
    public void Verify_AroundTheWindow_UsesSkew(string at, string expected)
    {
        var result = TestCli.Run("passes", "verify", Compact(), "--keys", _keys, "--at", at, "--json");
        Assert.Equal(expected, result.Json().GetProperty("result").GetString());
        Assert.Equal(expected == "valid" ? 0 : 4, result.ExitCode);
    }

    [Fact]
    public void Verify_RefusedTokens_NameTheReasonAndExitFour()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var cases = new[]
        {
            (Compact(signer: forger), "tampered"),
            (Compact(keyId: 7), "unknown_key"),
            ("HELLO", "malformed"),
        };
        foreach (var (token, verdict) in cases)
        {
            var result = TestCli.Run("passes", "verify", token, "--keys", _keys, "--at", "2026-05-01T09:00:00Z");
            Assert.Equal(4, result.ExitCode);
            Assert.StartsWith(verdict + ":", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_TokenFromStdin_IsRead()
    {
        var result = TestCli.RunWithStdin(Compact() + "\n", "passes", "verify", "-", "--keys", _keys, "--at", "2026-05-01T09:00:00Z");
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Theory]
    [InlineData("--keys", "missing.json")]
    [InlineData("--at", "yesterday")]
    public void Verify_BadArguments_ExitTwoWithMessage(string option, string value)
    {
        var args = option == "--keys" ? new[] { "passes", "verify", "X", "--keys", _dir.File(value) } : ["passes", "verify", "X", "--keys", _keys, option, value];
        var result = TestCli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("qrforge: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_KeyFileNotJson_ExitTwo()
    {
        File.WriteAllText(_dir.File("bad.json"), "{nope");
        var result = TestCli.Run("passes", "verify", "X", "--keys", _dir.File("bad.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a QrForge key set", result.Stderr, StringComparison.Ordinal);
    }
}
