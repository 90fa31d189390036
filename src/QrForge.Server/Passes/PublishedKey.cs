namespace QrForge.Server.Passes;

/// <summary>One public key as a JWK; never any private part.</summary>
public sealed record PublishedKey(string Kty, string Crv, string Alg, string Use, string Kid, string X, string Y, Guid TenantId, SigningKeyStatus Status, DateTime CreatedAt);
