namespace QrForge.Server.Identity;

internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Reloading the access-token signing keys failed; the keys loaded before stay in use.")]
    public static partial void KeyRingReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Created the bootstrap admin {Email} in the default tenant.")]
    public static partial void BootstrapAdminCreated(ILogger logger, string email);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The bootstrap admin was not created: {Reason}")]
    public static partial void BootstrapAdminRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "No user exists yet: set QRFORGE_BOOTSTRAP_ADMIN_EMAIL and QRFORGE_BOOTSTRAP_ADMIN_PASSWORD, or run `qrforge users create --email … --role admin`, to make the first admin (docs/identity.md).")]
    public static partial void NoUsers(ILogger logger);
}
