namespace QrForge.Server.Links;

internal static partial class LinkLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "GeoIP database {Path} loaded ({Type}).")]
    public static partial void GeoIpLoaded(ILogger logger, string path, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} scans failed (attempt {Attempt}); retrying.")]
    public static partial void ScanWriteRetry(ILogger logger, int count, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} scans failed for good; they are dropped.")]
    public static partial void ScanWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan queue flushed on shutdown: {Count} scans written.")]
    public static partial void ScanQueueFlushed(ILogger logger, int count);
}
