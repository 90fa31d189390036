using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using QrForge.Server.Storage;

namespace QrForge.Server.Api;

/// <summary>
/// Exceptions that are not the service's fault, answered as problem details instead of a 500: a body the
/// framework cannot read (400 naming the field, line and position), a name taken by a concurrent request (409),
/// the database down or too slow (503 with <c>Retry-After</c>). These are not logged as errors; anything else
/// falls through to the platform's handler (a logged 500).
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, DatabaseBreaker breaker, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var problem = Describe(exception, out var retryAfter);
        if (problem is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        if (problem.Status >= 500)
        {
            ApiLog.DatabaseUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", exception.GetBaseException().Message);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (retryAfter is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        problem.Extensions["request_id"] = httpContext.TraceIdentifier;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private ProblemDetails? Describe(Exception exception, out int? retryAfter)
    {
        retryAfter = null;
        if (exception is BadHttpRequestException bad)
        {
            return Unreadable(bad);
        }

        switch (DatabaseFailures.Classify(exception))
        {
            case DatabaseFailure.Duplicate:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "It already exists.",
                    Detail = "Another request created the same name or id at the same moment; it exists now. Fetch it, or choose another name.",
                    Type = Problems.TypeBase + "conflict",
                };
            case DatabaseFailure.Unavailable:
                retryAfter = breaker.RetryAfterSeconds;
                return new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The database is unavailable.",
                    Detail = $"The service cannot reach its database right now. Try again in {retryAfter} seconds.",
                    Type = Problems.TypeBase + "database-unavailable",
                };
            case DatabaseFailure.NulCharacter:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request is invalid.",
                    Detail = "A text value contains the NUL character (U+0000), which cannot be stored.",
                    Type = Problems.TypeBase + "validation",
                };
            default:
                return null;
        }
    }

    private static ProblemDetails Unreadable(BadHttpRequestException bad)
    {
        var problem = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "The request could not be read.",
            Detail = bad.Message,
            Type = Problems.TypeBase + (bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "too-large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
                _ => "bad-request",
            }),
        };
        if (bad.InnerException is JsonException json)
        {
            var field = JsonInput.Field(json);
            var reason = JsonInput.Reason(json);
            var where = JsonInput.Where(json);
            problem.Title = "The request body is invalid.";
            problem.Detail = (field is null ? $"The body {reason}" : $"'{field}' {reason}") + (where.Length > 0 ? $" ({where})" : "");
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field ?? "body"] = [$"{field ?? "The body"} {reason}"] };
            if (json.LineNumber is { } line && json.BytePositionInLine is { } position)
            {
                problem.Extensions["line"] = line + 1;
                problem.Extensions["position"] = position + 1;
            }
        }

        return problem;
    }
}
