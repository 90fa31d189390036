namespace QrForge.Server.Passes;

/// <summary>Members sent change; members left out stay. <c>attributes</c> replaces all attributes.</summary>
public sealed record UpdateSubjectRequest(string? Kind, string? ExternalId, string? Name, Dictionary<string, string>? Attributes);
