namespace QrForge.Server.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database is unavailable ({Reason}).")]
    public static partial void DatabaseUnavailable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Neither AllowedHosts nor QrForge:Codes:PublicBaseUrl is set: links, image URLs and QR contents are built from each request's Host header. Set one of them (docs/security.md#the-host-header).")]
    public static partial void HostNotConfigured(ILogger logger);
}
