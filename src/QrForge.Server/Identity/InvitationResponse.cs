namespace QrForge.Server.Identity;

/// <summary>
/// An invitation as its tenant's admins see it. <c>accept_token</c> is there only in the answer that made it: pass
/// it to the invited person, who accepts with <c>POST /api/v1/invitations/accept</c>.
/// </summary>
public sealed record InvitationResponse(Guid Id, string Email, string Role, string Status, DateTime CreatedAt, DateTime ExpiresAt, DateTime? AcceptedAt, string? AcceptToken);
