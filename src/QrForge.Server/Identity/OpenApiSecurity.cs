using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace QrForge.Server.Identity;

/// <summary>
/// Describes the two ways to authenticate in the OpenAPI document, so /docs can send credentials. Which operation
/// needs them is said per operation (<see cref="Api.OpenApiOperationConventions"/>).
/// </summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/auth/login (or an API key, qrf_…).",
        };
        document.Components.SecuritySchemes["api_key"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.Header,
            Description = "An API key (qrf_…) from POST /api/v1/api-keys.",
        };
        return Task.CompletedTask;
    }
}
