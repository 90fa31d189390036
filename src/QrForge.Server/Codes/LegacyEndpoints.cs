using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Operations;

namespace QrForge.Server.Codes;

/// <summary>
/// The original service's two endpoints, kept for its existing clients: <c>POST /generate</c> and
/// <c>GET /retrieve/{qr_id}</c>. <c>retrieve</c> answers with the absolute URL of the PNG, never a path on disk.
/// </summary>
public static class LegacyEndpoints
{
    public static IEndpointRouteBuilder MapLegacy(this IEndpointRouteBuilder app)
    {
        app.MapPost("/generate", Generate).WithTags("Original service").WithName("Generate").AllowAnonymous();
        app.MapGet("/retrieve/{qr_id}", Retrieve).WithTags("Original service").WithName("Retrieve").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Generate(GenerateRequest? request, CodeService codes, IOptions<QrForgeOptions> options, CancellationToken ct)
    {
        if (!options.Value.Codes.LegacyEndpoints)
        {
            return Problems.Disabled("The original /generate endpoint");
        }

        if (request is null)
        {
            return Problems.Validation(new() { ["data"] = ["A JSON body with data is required."] });
        }

        var errors = new Dictionary<string, string[]>();
        var hours = request.ExpirationHours ?? options.Value.Codes.DefaultLegacyExpirationHours;
        var code = codes.Validate(new CreateCodeRequest(request.Data, null, hours, null, null, null, null, null), errors);
        if (code is null)
        {
            return Problems.Validation(errors);
        }

        await codes.CreateAsync(code, ct);
        return TypedResults.Created($"/retrieve/{code.Id}", new GenerateResponse(code.Id, code.ExpiresAt));
    }

    private static async Task<IResult> Retrieve(string qr_id, CodeService codes, IOptions<QrForgeOptions> options, HttpContext http, CancellationToken ct)
    {
        if (!options.Value.Codes.LegacyEndpoints)
        {
            return Problems.Disabled("The original /retrieve endpoint");
        }

        if (!Guid.TryParse(qr_id, out var id))
        {
            return Problems.NotFound("code", qr_id);
        }

        var code = await codes.FindAsync(id, ct);
        if (code is null)
        {
            return Problems.NotFound("code", id);
        }

        if (code.IsExpired(codes.UtcNow))
        {
            return Problems.Gone(id, code.ExpiresAt!.Value);
        }

        var url = PublicUrls.BaseUrl(http) + $"/api/v1/codes/{id}/image.png";
        return TypedResults.Ok(new RetrieveResponse(url, code.IsBinary ? code.Data : code.Data, code.ExpiresAt));
    }
}
