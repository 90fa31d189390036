namespace QrForge.Server.Passes;

/// <summary>Who is inside an event now, in total and by the checkpoint they entered through.</summary>
public sealed record InsideCounts(Guid EventId, int Inside, IReadOnlyDictionary<string, int> ByCheckpoint);
