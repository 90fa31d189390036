namespace QrForge.Server.Identity;

public sealed record MemberResponse(Guid Id, string Email, string Role, Guid TenantId, DateTime CreatedAt, bool Disabled);
