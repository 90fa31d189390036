using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace QrForge.Server.Identity;

/// <summary>Authenticates <c>X-Api-Key: qrf_…</c> or <c>Authorization: Bearer qrf_…</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string Header = "X-Api-Key";

    /// <summary>The secret in the request, when it carries one.</summary>
    public static string? SecretOf(HttpRequest request)
    {
        if (request.Headers[Header] is { Count: 1 } header)
        {
            return header.ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + ApiKey.SecretPrefix, StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = SecretOf(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.FindBySecretAsync(secret, Context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        if (key is null || key.RevokedAt is not null || (key.ExpiresAt is { } expires && expires <= now))
        {
            // One answer for unknown, revoked and expired keys.
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        await keys.TouchAsync(key.Id, Context.RequestAborted);
        Claim[] claims =
        [
            new(ClaimNames.Subject, key.Id.ToString()),
            new(ClaimNames.Tenant, key.TenantId.ToString()),
            new(ClaimNames.Role, key.Role),
            new(ClaimNames.Kind, "api_key"),
            new("name", key.Name),
        ];
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimNames.Subject, ClaimNames.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
