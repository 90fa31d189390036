namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/subjects</c>.</summary>
public sealed record CreateSubjectRequest(string? Kind, string? ExternalId, string? Name, Dictionary<string, string>? Attributes);
