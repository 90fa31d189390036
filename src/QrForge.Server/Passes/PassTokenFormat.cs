namespace QrForge.Server.Passes;

/// <summary>The two token formats.</summary>
public enum PassTokenFormat
{
    /// <summary>Binary payload and ECDSA P-256 signature in Base45 (QR alphanumeric mode); see docs/passes.md.</summary>
    Compact,

    /// <summary>A JSON Web Token signed with ES256.</summary>
    Jwt,
}
