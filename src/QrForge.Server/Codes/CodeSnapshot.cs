using System.ComponentModel;
using System.Text.Json;
using QrForge.Encoding;
using QrForge.Server.Images;
using QrForge.Server.Storage;

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
    ImageStyle? Style,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ExpiresAt,
    int Revision,
    Guid TenantId,
    bool IsPublic)
{
    public static CodeSnapshot From(Code c) => new(
        c.Id, c.Data, c.IsBinary, c.Label, [.. c.Tags], c.Ecc, c.Version,
        c.Style is null ? null : JsonSerializer.Deserialize<ImageStyle>(c.Style, StoredJson.Options),
        c.CreatedAt, c.UpdatedAt, c.ExpiresAt, c.Revision, c.TenantId, c.IsPublic);

    public bool IsExpired(DateTime now) => ExpiresAt is { } at && at <= now;

    /// <summary>Encodes the symbol (the data was checked to fit when the code was made).</summary>
    public QrCode Encode() => IsBinary
        ? QrCode.EncodeBinary(Convert.FromBase64String(Data), new QrEncodeOptions { Ecc = Ecc })
        : QrCode.EncodeText(Data, new QrEncodeOptions { Ecc = Ecc });
}
