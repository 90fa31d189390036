namespace QrForge.Server.Passes;

/// <summary>One data row of an import: <c>created</c>, <c>updated</c> or <c>failed</c> with the errors by column.</summary>
public sealed record ImportRow(int Line, string Status, Guid? Id, string? ExternalId, IReadOnlyDictionary<string, string>? Errors);
