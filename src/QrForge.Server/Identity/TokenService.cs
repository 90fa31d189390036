using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>Issues access tokens (ES256 JWT) and rotates opaque refresh tokens.</summary>
public sealed class TokenService(QrForgeDbContext db, JwtKeyRing keys, TimeProvider clock, IOptions<AuthOptions> options)
{
    /// <summary>The <c>typ</c> header of access tokens; validation accepts no other, so no other kind of JWT passes.</summary>
    public const string AccessTokenType = "at+jwt";

    private const string RefreshPrefix = "qrr_";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private AuthOptions Settings => options.Value;

    /// <summary>A fresh pair for a sign-in: a new refresh-token family.</summary>
    public Task<TokenPair> IssueAsync(Guid userId, Guid tenantId, string role, CancellationToken ct) =>
        IssueAsync(userId, tenantId, role, Guid.CreateVersion7(clock.GetUtcNow()), ct);

    /// <summary>
    /// Exchanges a refresh token for a new pair. A token used before (or revoked, or expired) gives null; a
    /// used one also revokes its whole family, since either the holder or a thief has the newer token.
    /// </summary>
    public async Task<TokenPair?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        if (!refreshToken.StartsWith(RefreshPrefix, StringComparison.Ordinal) || refreshToken.Length > 100)
        {
            return null;
        }

        var hash = Hash(refreshToken);
        var now = Now;
        var token = await db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }

        // The conditional update lets exactly one of two concurrent exchanges win; the loser counts as reuse.
        var claimed = await db.Set<RefreshToken>().Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(token.FamilyId, ct);
            return null;
        }

        // The role is read again, so a changed or removed membership takes effect at the next refresh.
        var membership = await db.Set<Membership>().IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == token.UserId && m.TenantId == token.TenantId && m.User!.DisabledAt == null)
            .FirstOrDefaultAsync(ct);
        if (membership is null)
        {
            await RevokeFamilyAsync(token.FamilyId, ct);
            return null;
        }

        return await IssueAsync(token.UserId, token.TenantId, membership.Role, token.FamilyId, ct);
    }

    /// <summary>Ends the sign-in the refresh token belongs to. Unknown tokens are ignored.</summary>
    public async Task<Guid?> RevokeAsync(string refreshToken, CancellationToken ct)
    {
        var hash = Hash(refreshToken);
        var token = await db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null)
        {
            return null;
        }

        await RevokeFamilyAsync(token.FamilyId, ct);
        return token.UserId;
    }

    private async Task<TokenPair> IssueAsync(Guid userId, Guid tenantId, string role, Guid familyId, CancellationToken ct)
    {
        var now = Now;
        var expires = now.AddMinutes(Settings.AccessTokenMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = Settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            TokenType = AccessTokenType,
            SigningCredentials = await keys.SigningCredentialsAsync(ct),
            Claims = new Dictionary<string, object>
            {
                [ClaimNames.Subject] = userId.ToString(),
                [ClaimNames.Tenant] = tenantId.ToString(),
                [ClaimNames.Role] = role,
                [ClaimNames.Kind] = "user",
                ["jti"] = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            },
        };
        var access = Handler.CreateToken(descriptor);

        var refresh = RefreshPrefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        db.Set<RefreshToken>().Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            FamilyId = familyId,
            UserId = userId,
            TenantId = tenantId,
            TokenHash = Hash(refresh),
            CreatedAt = now,
            ExpiresAt = now.AddDays(Settings.RefreshTokenDays),
        });
        await db.SaveChangesAsync(ct);
        return new TokenPair(access, refresh, Settings.AccessTokenMinutes * 60);
    }

    private async Task RevokeFamilyAsync(Guid familyId, CancellationToken ct)
    {
        var now = Now;
        await db.Set<RefreshToken>().Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
