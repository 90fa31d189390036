using QrForge.Server.Operations;

namespace QrForge.Server.Api;

/// <summary>
/// The <c>Host</c> header reaches short URLs, image URLs and QR contents unless <c>QrForge:Codes:PublicBaseUrl</c>
/// is set. The platform's host filtering (<c>AllowedHosts</c>, e.g. <c>qr.example.com;localhost</c>) answers 400 to
/// any other host; in Production a service with neither says so once at start.
/// </summary>
public static class HostCheck
{
    /// <summary>True when <c>AllowedHosts</c> restricts hosts (set, and not <c>*</c>).</summary>
    public static bool HostsRestricted(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Length > 0 && !hosts.Contains("*");
    }

    public static void WarnWhenOpen(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var publicBaseUrl = app.Configuration[$"{QrForgeOptions.Section}:Codes:PublicBaseUrl"];
        if (app.Environment.IsProduction() && !HostsRestricted(app.Configuration) && string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            ApiLog.HostNotConfigured(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostCheck)));
        }
    }
}
