namespace QrForge.Server.Passes;

/// <summary><c>format</c> png (default), svg or pdf; <c>token</c> compact (default) or jwt; <c>expires_in_hours</c> 1-2160 (default 168).</summary>
public sealed record CreatePassImageLinkRequest(string? Format, string? Token, int? ExpiresInHours);
