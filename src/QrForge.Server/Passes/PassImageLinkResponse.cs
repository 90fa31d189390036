namespace QrForge.Server.Passes;

/// <summary>A signed link to a pass's image: it needs no credentials until <c>expires_at</c> or the pass's revocation.</summary>
public sealed record PassImageLinkResponse(string Url, string Format, string Token, DateTime ExpiresAt);
