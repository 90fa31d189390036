namespace QrForge.Server.Passes;

/// <summary>Revocations of an event since a time; ask again with <c>since=next_since</c>.</summary>
public sealed record RevocationList(Guid EventId, DateTime AsOf, DateTime NextSince, IReadOnlyList<RevokedPass> Revoked);
