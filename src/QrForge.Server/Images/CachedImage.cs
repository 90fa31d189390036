using System.ComponentModel;

namespace QrForge.Server.Images;

/// <summary>A rendered image and its strong entity tag, made once and cached together.</summary>
[ImmutableObject(true)]
public sealed record CachedImage(byte[] Body, string ETag)
{
    public static CachedImage Of(byte[] body) =>
        new(body, "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16)) + "\"");
}
