using QrForge.Server.Images;

namespace QrForge.Server.Codes;

/// <summary><c>POST /api/v1/codes</c>. <c>public</c> (default true): the image is served without sign-in. Exactly one of <c>data</c> and <c>data_base64</c>; at most one of <c>expiration_hours</c> and <c>expires_at</c>.</summary>
public sealed record CreateCodeRequest(
    string? Data,
    string? DataBase64,
    double? ExpirationHours,
    DateTimeOffset? ExpiresAt,
    string? Label,
    List<string>? Tags,
    string? Ecc,
    ImageStyle? Style,
    bool? Public = null);
