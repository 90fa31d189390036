namespace QrForge.Server.Edge;

/// <summary>The <c>QrForge:Edge:Cors</c> section. CORS is off unless <see cref="AllowedOrigins"/> names an origin.</summary>
public sealed class CorsSettings
{
    /// <summary>Origins allowed to call the API from a browser (<c>https://app.example.com</c>), or <c>*</c> for any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Methods allowed; empty means GET, HEAD, POST, PUT, PATCH, DELETE.</summary>
    public List<string> AllowedMethods { get; set; } = [];

    /// <summary>Request headers allowed; empty means Authorization, Content-Type, X-Api-Key, X-Request-Id, If-None-Match.</summary>
    public List<string> AllowedHeaders { get; set; } = [];

    /// <summary>Response headers exposed to scripts; empty means Location, ETag, Retry-After, X-Request-Id.</summary>
    public List<string> ExposedHeaders { get; set; } = [];

    /// <summary>Allow credentials (cookies). Default off: the API uses bearer tokens and keys. Not allowed with <c>*</c>.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long browsers may cache a preflight answer. Default 10 minutes.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
