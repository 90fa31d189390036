using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace QrForge.Server.Passes;

/// <summary>
/// The JWT form of a pass (RFC 7519, ES256 per RFC 7518 §3.4): header <c>{"alg":"ES256","typ":"JWT","kid":"…"}</c>
/// with the key id as 8 hex digits, claims <c>iss</c> (<c>qrforge</c>), <c>jti</c> (pass id), <c>evt</c> (event id),
/// <c>sub</c> (subject id), <c>nbf</c> and <c>exp</c> (Unix seconds; <c>exp</c> exclusive). Parsing is strict:
/// canonical unpadded base64url only, so no changed character decodes to the same bytes.
/// </summary>
public static class JwtPassToken
{
    /// <summary>Longest JWT accepted; real ones are about 400 characters.</summary>
    public const int MaxLength = 2048;

    public const string Issuer = "qrforge";

    /// <summary>The key id as it appears in <c>kid</c> and in the published keys: 8 lower-case hex digits.</summary>
    public static string KeyIdText(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Parses a key id written by <see cref="KeyIdText"/>.</summary>
    public static bool TryParseKeyId(string? text, out uint keyId)
    {
        keyId = 0;
        return text is { Length: 8 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
            && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out keyId);
    }

    /// <summary>The <c>header.payload</c> part that is signed.</summary>
    public static string SigningInput(PassClaims claims, Guid subjectId)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var header = $$"""{"alg":"ES256","typ":"JWT","kid":"{{KeyIdText(claims.KeyId)}}"}""";
        var payload = string.Create(CultureInfo.InvariantCulture,
            $$"""{"iss":"{{Issuer}}","jti":"{{claims.PassId:D}}","evt":"{{claims.EventId:D}}","sub":"{{subjectId:D}}","nbf":{{claims.ValidFrom.ToUnixTimeSeconds()}},"exp":{{claims.ValidUntil.ToUnixTimeSeconds()}}}""");
        return Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload));
    }

    /// <summary>The complete token.</summary>
    public static string Write(string signingInput, ReadOnlySpan<byte> signature) => signingInput + "." + Base64Url.EncodeToString(signature);

    /// <summary>Whether <paramref name="text"/> looks like a JWT (its header, a JSON object, starts with <c>eyJ</c>).</summary>
    public static bool LooksLikeJwt(ReadOnlySpan<char> text) => text.StartsWith("eyJ", StringComparison.Ordinal);

    /// <summary>Takes a JWT apart; null when it is not a well-formed QrForge pass JWT. Never throws.</summary>
    public static ParsedToken? TryParse(string text)
    {
        if (text.Length > MaxLength)
        {
            return null;
        }

        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var header = DecodeStrict(parts[0]);
        var payload = DecodeStrict(parts[1]);
        var signature = DecodeStrict(parts[2]);
        if (header is null || payload is null || signature is not { Length: CompactPassToken.SignatureLength }
            || !System.Text.Unicode.Utf8.IsValid(header) || !System.Text.Unicode.Utf8.IsValid(payload))
        {
            return null;
        }

        try
        {
            using var h = JsonDocument.Parse(header);
            if (h.RootElement.ValueKind != JsonValueKind.Object
                || !Text(h.RootElement, "alg", out var alg) || alg != "ES256"
                || !Text(h.RootElement, "kid", out var kid) || !TryParseKeyId(kid, out var keyId))
            {
                return null;
            }

            using var p = JsonDocument.Parse(payload);
            var root = p.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !Text(root, "iss", out var iss) || iss != Issuer
                || !Text(root, "jti", out var jti) || !Guid.TryParseExact(jti, "D", out var passId)
                || !Text(root, "evt", out var evt) || !Guid.TryParseExact(evt, "D", out var eventId)
                || !Seconds(root, "nbf", out var nbf) || !Seconds(root, "exp", out var exp) || exp <= nbf)
            {
                return null;
            }

            var claims = new PassClaims(keyId, passId, eventId, DateTimeOffset.FromUnixTimeSeconds(nbf), DateTimeOffset.FromUnixTimeSeconds(exp));
            return new ParsedToken(PassTokenFormat.Jwt, claims, System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static bool Text(JsonElement obj, string name, out string? value)
    {
        value = obj.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return value is not null;
    }

    private static bool Seconds(JsonElement obj, string name, out long value)
    {
        value = 0;
        return obj.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value) && value is >= 0 and <= uint.MaxValue;
    }

    // Unpadded base64url whose re-encoding is the same text (unused low bits zero), else null.
    private static byte[]? DecodeStrict(string part)
    {
        if (part.Length == 0 || part.Length % 4 == 1)
        {
            return null;
        }

        foreach (var c in part)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(part, bytes, out written))
            {
                return null;
            }
        }
        catch (FormatException)
        {
            return null; // bits left over in the last character
        }

        bytes = bytes[..written];
        return Base64Url.EncodeToString(bytes) == part ? bytes : null;
    }
}
