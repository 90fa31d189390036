namespace QrForge.Server.Passes;

/// <summary>Members sent change; members left out stay. <c>checkpoints</c> replaces the whole list.</summary>
public sealed record UpdateEventRequest(string? Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? TimeZone, List<string>? Checkpoints);
