using QrForge.Server.Images;

namespace QrForge.Server.Codes;

/// <summary>A code as the API shows it.</summary>
public sealed record CodeResponse(
    Guid Id,
    string? Data,
    string? DataBase64,
    string? Label,
    IReadOnlyList<string> Tags,
    string Ecc,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ExpiresAt,
    bool Expired,
    ImageStyle? Style,
    ImageUrls ImageUrls,
    bool Public);
