namespace QrForge.Server.Passes;

/// <summary>The per-row report of a CSV import.</summary>
public sealed record ImportReport(int Rows, int Created, int Updated, int Failed, IReadOnlyList<ImportRow> Results);
