using System.ComponentModel;

namespace QrForge.Server.Identity;

/// <summary>What authentication needs of a key; cached.</summary>
[ImmutableObject(true)]
public sealed record ApiKeySnapshot(Guid Id, Guid TenantId, string Name, string Role, DateTime? ExpiresAt, DateTime? RevokedAt);
