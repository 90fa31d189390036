using System.ComponentModel;

namespace QrForge.Server.Passes;

/// <summary>A subject as the API shows it.</summary>
[ImmutableObject(true)]
public sealed record SubjectResponse(Guid Id, string Kind, string ExternalId, string Name, IReadOnlyDictionary<string, string>? Attributes, DateTime CreatedAt, DateTime UpdatedAt);
