namespace QrForge.Server.Jobs;

internal static partial class JobLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry clean-up removed {Count} expired codes.")]
    public static partial void CleanupRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry clean-up failed; it runs again at the next interval.")]
    public static partial void CleanupFailed(ILogger logger, Exception exception);
}
