using QrForge.Server.Images;

namespace QrForge.Server.Codes;

/// <summary><c>PATCH /api/v1/codes/{id}</c>: only the fields given change; <c>never_expires: true</c> removes the expiry.</summary>
public sealed record UpdateCodeRequest(
    string? Label,
    List<string>? Tags,
    double? ExpirationHours,
    DateTimeOffset? ExpiresAt,
    bool? NeverExpires,
    ImageStyle? Style,
    bool? Public = null);
