using Microsoft.Extensions.Options;

namespace QrForge.Server.Operations;

/// <summary>Absolute URLs for links the service returns.</summary>
public static class PublicUrls
{
    /// <summary><c>QrForge:Codes:PublicBaseUrl</c> when set, else scheme, host and path base of the request.</summary>
    public static string BaseUrl(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<QrForgeOptions>>().Value.Codes.PublicBaseUrl;
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.TrimEnd('/');
        }

        var request = http.Request;
        return $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
    }
}
