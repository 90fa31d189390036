using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace QrForge.Server.Api;

/// <summary>
/// Makes <c>/openapi/v1.json</c> say what the service does, per operation: a summary and a description
/// (<see cref="OpenApiTexts"/>), a unique operation id (a HEAD twin of a GET gets <c>…Head</c>), the credentials
/// it needs (none for anonymous endpoints such as sign-in, refresh and rendering; a bearer token or an API key
/// otherwise, with their 401 and 403 answers), and 404 where a path names a resource.
/// </summary>
internal sealed class OpenApiOperationConventions : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (string.Equals(description.HttpMethod, HttpMethods.Head, StringComparison.OrdinalIgnoreCase) && operation.OperationId is { } id)
        {
            operation.OperationId = id + "Head";
        }

        if (operation.OperationId is { } name && OpenApiTexts.Operations.TryGetValue(name.EndsWith("Head", StringComparison.Ordinal) ? name[..^4] : name, out var texts))
        {
            operation.Summary ??= texts.Summary;
            operation.Description ??= texts.Description;
        }

        operation.Responses ??= [];
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        if (anonymous)
        {
            operation.Security = [];
        }
        else
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("api_key", context.Document)] = [] },
            ];
            Problem(operation, "401", "No valid credentials: send `Authorization: Bearer <access token or API key>` or `X-Api-Key`.");
            Problem(operation, "403", "The credentials are valid but their role may not do this.");
        }

        if (description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
        {
            Problem(operation, "404", "Nothing of that id (or name) in the caller's tenant.");
        }

        return Task.CompletedTask;
    }

    private static void Problem(OpenApiOperation operation, string status, string text)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            };
        }
    }
}

/// <summary>
/// Document-wide fixes once every schema is known: a member that may be null is not required (the platform marks
/// every constructor parameter required, even mutually exclusive ones), the members validation insists on are
/// (<see cref="OpenApiTexts.RequiredMembers"/>); each JSON request gets its example, each JSON answer an example
/// made from its schema; tags get descriptions.
/// </summary>
internal sealed class OpenApiDocumentConventions : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagTexts = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Sign-in, token refresh, sign-out and the caller's identity.",
        ["Render"] = "Stateless rendering: nothing is stored.",
        ["Original service"] = "The original service's two endpoints, kept for its clients.",
        ["Links"] = "Dynamic codes: short links whose destination can change, with scan statistics.",
        ["Passes"] = "Events, subjects, signed passes, verification and check-in.",
        ["Cache"] = "This node's caches.",
        ["API keys"] = "Keys for programs, with a role in one tenant.",
        ["Users"] = "The tenant's members and invitations.",
        ["Admin"] = "Across tenants: system admins only, from the admin networks.",
        ["Audit"] = "Who changed what.",
        ["Codes"] = "Stored QR codes with expiry, style and images.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Security = null; // each operation says what it needs (see OpenApiOperationConventions)
        document.Info.Description ??= "QrForge: QR codes, short links and signed passes over HTTP. Errors are RFC 9457 problem details.";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, schema) in schemas)
        {
            if (schema is not OpenApiSchema concrete || concrete.Properties is null)
            {
                continue;
            }

            concrete.Required ??= new HashSet<string>();
            foreach (var (property, value) in concrete.Properties)
            {
                if (IsNullable(value))
                {
                    concrete.Required.Remove(property);
                }
            }

            if (OpenApiTexts.RequiredMembers.TryGetValue(name, out var required))
            {
                foreach (var member in required.Where(concrete.Properties.ContainsKey))
                {
                    concrete.Required.Add(member);
                }
            }
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } tagName && TagTexts.TryGetValue(tagName, out var text))
            {
                tag.Description ??= text;
            }
        }

        foreach (var path in document.Paths.Values)
        {
            foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                var id = operation.OperationId ?? "";
                if (operation.RequestBody?.Content is { } body)
                {
                    foreach (var (type, media) in body)
                    {
                        if (media is not OpenApiMediaType concreteMedia || concreteMedia.Example is not null)
                        {
                            continue;
                        }

                        if (type == "application/json" && OpenApiTexts.RequestExamples.TryGetValue(id, out var example))
                        {
                            concreteMedia.Example = JsonNode.Parse(example);
                        }
                        else if (type == "text/csv")
                        {
                            concreteMedia.Example = JsonValue.Create("kind,external_id,name,class\nstudent,S-1001,Ada Lovelace,4b\n");
                        }
                    }
                }

                foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                {
                    foreach (var (type, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                    {
                        if (type == "application/json" && media is { Example: null, Schema: { } schema })
                        {
                            media.Example = Example(schema, schemas, 0);
                        }
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(s => s.Type == JsonSchemaType.Null);

    // A plausible value for a schema: formats and well-known member names get realistic values, so an example
    // reads like an answer of the service; depth is bounded (schemas may refer to themselves).
    private static JsonNode? Example(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> schemas, int depth, string? member = null)
    {
        if (schema is OpenApiSchemaReference reference && reference.Reference.Id is { } refId)
        {
            return schemas.TryGetValue(refId, out var target) && depth < 12 ? Example(target, schemas, depth + 1, member) : new JsonObject();
        }

        if ((schema.OneOf ?? schema.AnyOf)?.FirstOrDefault(s => s.Type != JsonSchemaType.Null) is { } alternative)
        {
            return Example(alternative, schemas, depth + 1, member);
        }

        var type = (schema.Type ?? JsonSchemaType.Object) & ~JsonSchemaType.Null;
        if (schema.Enum is { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        if (type.HasFlag(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            var obj = new JsonObject();
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                obj[name] = depth < 12 ? Example(property, schemas, depth + 1, name) : null;
            }

            return obj;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            return schema.Items is { } items && depth < 12 ? new JsonArray(Example(items, schemas, depth + 1, member)) : new JsonArray();
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return JsonValue.Create(false);
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return JsonValue.Create(member switch { "limit" => 50, "expires_in" => 900, _ => 1 });
        }

        if (type.HasFlag(JsonSchemaType.Number))
        {
            return JsonValue.Create(1.5);
        }

        return JsonValue.Create(schema.Format switch
        {
            "uuid" => "0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
            "date-time" => "2026-11-24T10:00:00Z",
            "date" => "2026-11-24",
            "uri" => "https://example.com",
            _ => member switch
            {
                "email" => "ada@example.com",
                "role" => "operator",
                "kind" => "user",
                "name" => "Spring fair",
                "status" => "active",
                "result" => "ok",
                "checkpoint" => "gate-a",
                "direction" => "in",
                "token_type" => "Bearer",
                "slug" => "spring",
                "destination" or "url" or "image_url" or "short_url" => "https://example.com/spring",
                _ => "text",
            },
        });
    }
}
