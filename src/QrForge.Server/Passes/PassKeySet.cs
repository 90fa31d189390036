using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace QrForge.Server.Passes;

/// <summary>
/// The published keys (<c>/.well-known/qrforge-keys.json</c>, a JWK set with <c>kid</c>, <c>tenant_id</c> and
/// <c>status</c> added) as offline verifiers load them.
/// </summary>
public sealed class PassKeySet
{
    private readonly Dictionary<uint, PassPublicKey> _keys;

    public PassKeySet(IEnumerable<PassPublicKey> keys) => _keys = keys.ToDictionary(k => k.Id);

    public int Count => _keys.Count;

    public PassPublicKey? Find(uint id) => _keys.GetValueOrDefault(id);

    /// <summary>Reads a key set; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static PassKeySet Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the key set has no \"keys\" array");
            }

            var list = new List<PassPublicKey>();
            foreach (var key in keys.EnumerateArray())
            {
                string? Field(string name) => key.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                if (Field("kty") != "EC" || Field("crv") != "P-256")
                {
                    continue; // not a pass key
                }

                if (!JwtPassToken.TryParseKeyId(Field("kid"), out var id))
                {
                    throw new FormatException($"key id '{Field("kid")}' is not 8 hex digits");
                }

                var tenant = Guid.TryParse(Field("tenant_id"), out var t) ? t : Guid.Empty;
                var x = Field("x") is { } xs ? Base64Url.DecodeFromChars(xs) : null;
                var y = Field("y") is { } ys ? Base64Url.DecodeFromChars(ys) : null;
                if (x is null || y is null)
                {
                    throw new FormatException($"key '{Field("kid")}' has no x or y");
                }

                list.Add(new PassPublicKey(id, tenant, x, y));
            }

            return new PassKeySet(list);
        }
        catch (Exception e) when (e is JsonException or CryptographicException or ArgumentException)
        {
            throw new FormatException($"not a QrForge key set: {e.Message}", e);
        }
    }
}
