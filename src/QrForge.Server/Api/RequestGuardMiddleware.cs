using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace QrForge.Server.Api;

/// <summary>
/// Checks what every request carries before authentication runs, so a client learns what is wrong with its
/// request rather than that it is not signed in:
/// <list type="bullet">
/// <item>a body of a media type the operation does not take is 415 naming the types it takes (login with a form
/// body is 415, not 401);</item>
/// <item>a <c>charset</c> other than UTF-8 is 415 (the only encoding of JSON, RFC 8259 §8.1);</item>
/// <item>NUL (U+0000) in the path, a route value or a query parameter is 400 naming it;</item>
/// <item>a <c>Host</c> longer than a DNS name can be is 400 (it would end up in links and QR contents).</item>
/// </list>
/// NUL in a JSON body is refused while the body is read (<see cref="JsonInput"/>), with the member's name.
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>253 for the longest DNS name, 6 for <c>:65535</c>, 2 for the brackets of an IPv6 literal.</summary>
    public const int MaxHostLength = 261;

    // The display names of the endpoints ASP.NET Core routing selects when the path matches but the Content-Type
    // (AcceptsMatcherPolicy) or the method (HttpMethodMatcherPolicy) matches no endpoint.
    private const string RoutingUnsupportedMediaType = "415 HTTP Unsupported Media Type";
    private const string RoutingMethodNotAllowed = "405 HTTP Method Not Supported";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Host.HasValue && request.Host.Value.Length > MaxHostLength)
        {
            return Refuse(context, StatusCodes.Status400BadRequest, "bad-request", "The Host header is invalid.", $"The Host header is longer than {MaxHostLength} characters.", null);
        }

        if (NulErrors(context) is { } errors)
        {
            return Refuse(context, StatusCodes.Status400BadRequest, "validation", "The request is invalid.", "A parameter contains the NUL character (U+0000).", errors);
        }

        // Routing itself answers a body no endpoint of the path takes, and a method none allows, with endpoints of its
        // own that carry no metadata, so authorization's fallback policy would turn them into 401 for anonymous
        // callers: they run here, before authentication.
        var endpoint = context.GetEndpoint();
        if (endpoint?.DisplayName == RoutingUnsupportedMediaType)
        {
            return Refuse(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body's media type is not supported.",
                $"This operation does not take {(string.IsNullOrEmpty(request.ContentType) ? "a body without Content-Type" : request.ContentType)}; JSON bodies need Content-Type: application/json.", null);
        }

        if (endpoint?.DisplayName == RoutingMethodNotAllowed && endpoint.RequestDelegate is { } methodNotAllowed)
        {
            return methodNotAllowed(context);
        }

        if (HasBody(context) && MediaTypeProblem(context) is { } problem)
        {
            return Refuse(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body's media type is not supported.", problem, null);
        }

        return next(context);
    }

    private static Dictionary<string, string[]>? NulErrors(HttpContext context)
    {
        Dictionary<string, string[]>? errors = null;
        void Add(string name) => (errors ??= [])[name.Replace("\0", "\\0", StringComparison.Ordinal)] = ["must not contain the NUL character (U+0000)."];

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                Add(name);
            }
        }

        if (errors is null && context.Request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            Add("path");
        }

        foreach (var (name, values) in context.Request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                Add(name);
            }
        }

        return errors;
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    /// <summary>Why the body's Content-Type is refused, or null when it is acceptable.</summary>
    private static string? MediaTypeProblem(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        // Every IAcceptsMetadata of the endpoint (a JSON body parameter adds one, .Accepts<T>() another).
        var taken = context.GetEndpoint()?.Metadata.OfType<IAcceptsMetadata>().SelectMany(a => a.ContentTypes).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        if (string.IsNullOrEmpty(contentType))
        {
            return taken.Count > 0 ? $"Send the body with Content-Type {string.Join(" or ", taken)}." : null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return $"The Content-Type '{contentType}' cannot be parsed.";
        }

        if (parsed.Charset.HasValue && !IsUtf8(parsed.Charset.Value))
        {
            return $"The charset '{parsed.Charset.Value}' is not supported; send UTF-8 (charset=utf-8, or no charset).";
        }

        if (taken.Count > 0 && !taken.Any(t => Matches(parsed, t)))
        {
            return $"This operation takes {string.Join(" or ", taken)}, not {parsed.MediaType.Value}.";
        }

        return null;
    }

    private static bool IsUtf8(string charset) =>
        charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase)
        || charset.Trim('"').Equals("us-ascii", StringComparison.OrdinalIgnoreCase);

    private static bool Matches(MediaTypeHeaderValue sent, string taken)
    {
        if (!MediaTypeHeaderValue.TryParse(taken, out var accepted))
        {
            return false;
        }

        // application/problem+json and other +json types are JSON too, as the framework's reader treats them.
        var sentIsJson = sent.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (sent.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && sent.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        return accepted.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? sentIsJson
            : sent.IsSubsetOf(accepted);
    }

    private Task Refuse(HttpContext context, int status, string type, string title, string detail, Dictionary<string, string[]>? errors)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = Problems.TypeBase + type, Title = title, Detail = detail };
        problem.Extensions["request_id"] = context.TraceIdentifier;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
