namespace QrForge.Server.Identity;

/// <summary>The invitation's token, and the invited person's password (a new one when they have no account yet).</summary>
public sealed record AcceptInvitationRequest(string? Token, string? Password);
