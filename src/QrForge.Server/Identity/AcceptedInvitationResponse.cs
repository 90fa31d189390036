namespace QrForge.Server.Identity;

/// <summary>The accepted membership: the accepting account, the tenant and the role it now holds there.</summary>
public sealed record AcceptedInvitationResponse(Guid UserId, string Email, Guid TenantId, string? TenantName, string Role, bool CreatedAccount);
