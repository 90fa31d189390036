namespace QrForge.Server.Caching;

internal static partial class CacheLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The shared cache answers again; using it.")]
    public static partial void SharedCacheBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The shared cache is still unavailable.")]
    public static partial void SharedCacheStillDown(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared cache failed; serving from the in-process cache for now.")]
    public static partial void SharedCacheFailed(ILogger logger, Exception exception);
}
