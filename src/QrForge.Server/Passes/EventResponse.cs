namespace QrForge.Server.Passes;

/// <summary>An event as the API shows it.</summary>
public sealed record EventResponse(Guid Id, string Name, DateTime StartsAt, DateTime EndsAt, string TimeZone, IReadOnlyList<string> Checkpoints, DateTime CreatedAt);
