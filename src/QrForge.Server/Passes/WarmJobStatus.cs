namespace QrForge.Server.Passes;

/// <summary>The progress of a warming job, as <c>GET /api/v1/events/{id}/warm/{job}</c> shows it.</summary>
public sealed record WarmJobStatus(
    Guid Id,
    Guid EventId,
    string State,
    IReadOnlyList<string> Formats,
    int Total,
    int Done,
    int Failed,
    double RatePerSecond,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? Error);
