using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using QrForge.Server.Passes;

namespace QrForge.Passes.Benchmarks;

/// <summary>
/// Pass tokens in process: parse and verify (what every scan costs before the database), issue (both formats),
/// and the pass image a warming job renders. One operation per call; the result is returned so the JIT keeps it.
/// </summary>
[MemoryDiagnoser]
public class PassBenchmarks
{
    private static readonly DateTimeOffset From = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private PassPublicKey _public = null!;
    private string _compact = "";
    private string _jwt = "";

    [GlobalSetup]
    public void Setup()
    {
        var q = _key.ExportParameters(false).Q;
        _public = new PassPublicKey(42, Guid.Empty, q.X!, q.Y!);
        var claims = new PassClaims(42, Guid.CreateVersion7(), Guid.CreateVersion7(), From, From.AddDays(1));
        var payload = CompactPassToken.Payload(claims);
        _compact = CompactPassToken.Write(payload, Sign(payload));
        var input = JwtPassToken.SigningInput(claims, Guid.CreateVersion7());
        _jwt = JwtPassToken.Write(input, Sign(System.Text.Encoding.ASCII.GetBytes(input)));
    }

    private byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "verify compact (parse + ECDSA P-256)")]
    public PassVerdict VerifyCompact() => PassVerifier.Check(PassVerifier.Parse(_compact)!, _public, From.AddHours(1), TimeSpan.FromMinutes(2));

    [Benchmark(Description = "verify JWT (parse + ECDSA P-256)")]
    public PassVerdict VerifyJwt() => PassVerifier.Check(PassVerifier.Parse(_jwt)!, _public, From.AddHours(1), TimeSpan.FromMinutes(2));

    [Benchmark(Description = "parse compact only")]
    public ParsedToken? ParseCompact() => PassVerifier.Parse(_compact);

    [Benchmark(Description = "refuse garbage")]
    public ParsedToken? ParseGarbage() => PassVerifier.Parse("NOT A TOKEN AT ALL");

    [Benchmark(Description = "sign compact payload")]
    public byte[] SignCompact()
    {
        var payload = new byte[CompactPassToken.PayloadLength];
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), 42);
        return Sign(payload);
    }

    [Benchmark(Description = "render pass PNG (encode + PNG)")]
    public int RenderPng() => PassService.Render(_compact, "png").Body.Length;
}
