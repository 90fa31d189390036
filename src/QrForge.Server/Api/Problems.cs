using Microsoft.AspNetCore.Http.HttpResults;

namespace QrForge.Server.Api;

/// <summary>RFC 9457 problem details with stable <c>type</c> URIs, one per kind of failure.</summary>
public static class Problems
{
    public const string TypeBase = "https://qrforge.dev/problems/";

    /// <summary>400 naming each invalid field in <c>errors</c>.</summary>
    public static ValidationProblem Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", type: TypeBase + "validation");

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(title: $"Unknown {what}.", detail: $"There is no {what} '{id}'.", statusCode: StatusCodes.Status404NotFound, type: TypeBase + "not-found");

    public static ProblemHttpResult Gone(Guid id, DateTime expiredAt) =>
        TypedResults.Problem(title: "The code has expired.", detail: $"Code '{id}' expired at {expiredAt:O}.", statusCode: StatusCodes.Status410Gone, type: TypeBase + "expired");

    public static ProblemHttpResult Disabled(string what) =>
        TypedResults.Problem(title: $"{what} is switched off on this server.", statusCode: StatusCodes.Status404NotFound, type: TypeBase + "disabled");
}
