namespace QrForge.Server.Identity;

/// <summary>An invitation of <c>email</c> into the caller's tenant with <c>role</c> (admin, operator, viewer or scanner).</summary>
public sealed record CreateInvitationRequest(string? Email, string? Role);
