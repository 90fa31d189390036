namespace QrForge.Server.Passes;

/// <summary>A token taken apart but not yet verified: its claims, the signed bytes and the raw r||s signature.</summary>
public sealed record ParsedToken(PassTokenFormat Format, PassClaims Claims, byte[] SignedBytes, byte[] Signature);
