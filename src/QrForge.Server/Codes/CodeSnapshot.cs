using System.ComponentModel;
using System.Text.Json;
using QrForge.Encoding;

namespace QrForge.Server.Codes;

/// <summary>
/// The cached, immutable copy of a code that reads and image requests work from. Marked immutable so the
/// in-process cache hands out the same instance instead of deserialising a copy per request.
/// </summary>
[ImmutableObject(true)]
public sealed record CodeSnapshot(
    Guid Id,
    string Data,
    bool IsBinary,
    string? Label,
    IReadOnlyList<string> Tags,
    Ecc Ecc,
    int Version,
    CodeStyle? Style,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ExpiresAt,
    int Revision,
    Guid TenantId,
    bool IsPublic)
{
    public static CodeSnapshot From(Code c) => new(
        c.Id, c.Data, c.IsBinary, c.Label, [.. c.Tags], c.Ecc, c.Version,
        c.Style is null ? null : JsonSerializer.Deserialize<CodeStyle>(c.Style, CodeJson.Options),
        c.CreatedAt, c.UpdatedAt, c.ExpiresAt, c.Revision, c.TenantId, c.IsPublic);

    public bool IsExpired(DateTime now) => ExpiresAt is { } at && at <= now;

    /// <summary>Encodes the symbol (the data was checked to fit when the code was made).</summary>
    public QrCode Encode() => IsBinary
        ? QrCode.EncodeBinary(Convert.FromBase64String(Data), new QrEncodeOptions { Ecc = Ecc })
        : QrCode.EncodeText(Data, new QrEncodeOptions { Ecc = Ecc });
}

/// <summary>A rendered image and its strong entity tag, made once and cached together.</summary>
[ImmutableObject(true)]
public sealed record CachedImage(byte[] Body, string ETag)
{
    public static CachedImage Of(byte[] body) =>
        new(body, "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16)) + "\"");
}

/// <summary>JSON settings for values the service stores as JSON (the style column).</summary>
internal static class CodeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
