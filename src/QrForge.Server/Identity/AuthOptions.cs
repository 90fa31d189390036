using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Identity;

/// <summary>The <c>QrForge:Auth</c> section: tokens, keys, sign-in throttling, bootstrap and anonymous switches.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section this feature binds.</summary>
    public const string Section = "QrForge:Auth";

    /// <summary>The <c>iss</c> of access tokens, and the only issuer accepted. Default <c>qrforge</c>.</summary>
    public string Issuer { get; set; } = "qrforge";

    /// <summary>The <c>aud</c> of access tokens, and the only audience accepted. Default <c>qrforge-api</c>.</summary>
    public string Audience { get; set; } = "qrforge-api";

    /// <summary>Lifetime of an access token. Default 15 minutes.</summary>
    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Lifetime of a refresh token. Default 30 days.</summary>
    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>Accepted difference between clocks when checking token times, in seconds. Default 30.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// A new signing key is published this long before it signs, so every node has loaded it by then. Default 120
    /// seconds (four key-ring refreshes).
    /// </summary>
    [Range(0, 86_400)]
    public int KeyPublishSeconds { get; set; } = 120;

    /// <summary>How often each node reloads the signing keys. Default 30 seconds.</summary>
    [Range(1, 3600)]
    public int KeyRefreshSeconds { get; set; } = 30;

    /// <summary>Failed sign-ins of one account from one client address before that pair must wait (<see cref="LoginThrottle"/>). Default 5.</summary>
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>The first wait; it doubles with each further failure up to 15 minutes. Default 30 seconds.</summary>
    [Range(1, 3600)]
    public int LockoutSeconds { get; set; } = 30;

    /// <summary>Shortest password accepted. Default 12.</summary>
    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>An admin created on first start when no user exists (also <c>QRFORGE_BOOTSTRAP_ADMIN_EMAIL</c>).</summary>
    public string? BootstrapAdminEmail { get; set; }

    /// <summary>Its password (also <c>QRFORGE_BOOTSTRAP_ADMIN_PASSWORD</c>); never logged.</summary>
    public string? BootstrapAdminPassword { get; set; }
}
