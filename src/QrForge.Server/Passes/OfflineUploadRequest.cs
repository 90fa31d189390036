namespace QrForge.Server.Passes;

/// <summary><c>POST /api/v1/checkins/offline</c>: scans made while offline, each with its <c>scanned_at</c>.</summary>
public sealed record OfflineUploadRequest(List<CheckInRequest>? Scans);
