using Microsoft.AspNetCore.Http.Json;

namespace QrForge.Server.Api;

/// <summary>The HTTP input layer: how requests are read and what a client hears when one cannot be.</summary>
public static class ApiExtensions
{
    /// <summary>Strict JSON reading, bad requests as exceptions answered by <see cref="ApiExceptionHandler"/>.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<JsonOptions>(o => JsonInput.Configure(o.SerializerOptions));
        // Every environment alike: a body or parameter that cannot be bound raises BadHttpRequestException, which
        // ApiExceptionHandler answers with the field at fault (Production's default is an empty 400).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }

    /// <summary>Refuses requests whose media type, charset, host or parameters are unusable; before authentication.</summary>
    public static WebApplication UseRequestGuard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestGuardMiddleware>();
        return app;
    }
}
