namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/events</c>.</summary>
public sealed record CreateEventRequest(string? Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? TimeZone, List<string>? Checkpoints);
