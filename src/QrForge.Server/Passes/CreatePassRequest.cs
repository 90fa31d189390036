namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/passes</c>: the window defaults to the event's.</summary>
public sealed record CreatePassRequest(Guid? EventId, Guid? SubjectId, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil);
