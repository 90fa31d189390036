using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QrForge.Server.Identity;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Identity;

/// <summary>Forged and altered access tokens are refused; a genuine one (the control) is accepted.</summary>
public sealed class TokenAttackTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private string _genuine = "";
    private SigningCredentials _credentials = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);
        (_genuine, _) = await _factory.SignInAsync(Roles.Viewer);
        _credentials = await _factory.Services.GetRequiredService<JwtKeyRing>().SigningCredentialsAsync(default);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/me");
        return response.StatusCode;
    }

    private string Forge(SigningCredentials credentials, string? audience = null, string? issuer = null, DateTime? expires = null, string type = TokenService.AccessTokenType, string role = Roles.Admin)
    {
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? "qrforge",
            Audience = audience ?? "qrforge-api",
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = expires ?? now.AddMinutes(10),
            TokenType = type,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["tid"] = TenantContext.DefaultTenantId.ToString(), ["role"] = role, ["kind"] = "user" },
        });
    }

    private static string B64(string json) => Base64UrlEncoder.Encode(System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Genuine_Control_IsAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, await MeAsync(_genuine));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(Forge(_credentials)));
    }

    [Fact]
    public async Task AlgNone_IsRefused()
    {
        var header = B64($$"""{"alg":"none","typ":"at+jwt","kid":"{{_credentials.Kid}}"}""");
        var payload = new JsonWebToken(_genuine).EncodedPayload;
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync($"{header}.{payload}."));
    }

    [Fact]
    public async Task OtherKeyWithTheSameKid_IsRefused()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new SigningCredentials(new ECDsaSecurityKey(stranger) { KeyId = _credentials.Kid }, SecurityAlgorithms.EcdsaSha256);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Forge(forged)));
    }

    [Fact]
    public async Task HmacWithThePublicKeyAsSecret_IsRefused()
    {
        // Key confusion: the public key's bytes used as an HS256 secret.
        var publicKey = ((ECDsaSecurityKey)_credentials.Key).ECDsa.ExportSubjectPublicKeyInfo();
        var hmac = new SigningCredentials(new SymmetricSecurityKey(publicKey) { KeyId = _credentials.Kid }, SecurityAlgorithms.HmacSha256);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Forge(hmac)));
    }

    [Fact]
    public async Task WrongAudienceIssuerOrType_AreRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Forge(_credentials, audience: "another-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Forge(_credentials, issuer: "https://evil.example")));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Forge(_credentials, type: "JWT")));
    }

    [Fact]
    public async Task Expired_IsRefused()
    {
        var expired = Forge(_credentials, expires: _factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(expired));
    }

    [Fact]
    public async Task TamperedPayload_IsRefused()
    {
        var parts = _genuine.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"viewer\"", "\"admin\"", StringComparison.Ordinal);
        Assert.Contains("\"admin\"", payload, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync($"{parts[0]}.{B64(payload)}.{parts[2]}"));
    }

    [Fact]
    public async Task RetiredKey_IsRefused_EvenForATokenAcceptedBefore()
    {
        Assert.Equal(HttpStatusCode.OK, await MeAsync(_genuine)); // now remembered as valid
        var ring = _factory.Services.GetRequiredService<JwtKeyRing>();
        Assert.True(await ring.RetireAsync(_credentials.Kid, default));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(_genuine));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.")]
    public async Task Garbage_Is401NotA500(string token) =>
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
}
