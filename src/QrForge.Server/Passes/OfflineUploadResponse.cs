namespace QrForge.Server.Passes;

/// <summary>Every scan's outcome in time order; <c>conflicts</c> counts scans refused by the state at their time.</summary>
public sealed record OfflineUploadResponse(int Scans, int Ok, int Conflicts, int Refused, int Duplicates, IReadOnlyList<OfflineScanResult> Results);
