using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace QrForge.Server.Api;

/// <summary>
/// Gives strings their schema back: the API reads strings through its own converter (NUL is refused, see
/// <see cref="JsonInput"/>), and a type read by a custom converter is described as "any value". A string member is
/// <c>string</c>, or <c>string</c> or <c>null</c> when it may be null, so the document stays exact and
/// <see cref="OpenApiDocumentConventions"/> can tell optional members from required ones.
/// </summary>
internal sealed class OpenApiStrings : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string))
        {
            schema.Type = MayBeNull(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }

    private static bool MayBeNull(JsonPropertyInfo? property) => property is not null && (property.IsSetNullable || property.IsGetNullable);
}
