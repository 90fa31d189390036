using Microsoft.AspNetCore.Http.HttpResults;
using QrForge.Server.Api;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>Maps the warming of an event's pass images: start a job, read its progress.</summary>
public static class WarmEndpoints
{
    public static IEndpointRouteBuilder MapWarming(this IEndpointRouteBuilder app)
    {
        var warm = app.MapGroup("/api/v1/events/{id:guid}/warm").WithTags("Passes");
        warm.MapPost("/", StartWarm).WithName("WarmEventImages").RequireAuthorization(Policies.Write);
        warm.MapGet("/{job:guid}", GetWarm).WithName("GetWarmJob").RequireAuthorization(Policies.Read);
        return app;
    }

    private static readonly string[] WarmableFormats = ["png", "svg", "pdf"];

    private static async Task<Results<Accepted<WarmJobStatus>, ProblemHttpResult, ValidationProblem>> StartWarm(
        Guid id, QrForgeDbContext db, TenantContext tenant, PassWarmer warmer, CancellationToken ct, string? formats = null)
    {
        var list = (formats ?? "png").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(f => f.ToLowerInvariant()).Distinct().ToList();
        if (list.Count == 0 || list.Exists(f => Array.IndexOf(WarmableFormats, f) < 0))
        {
            return Problems.Validation(new() { ["formats"] = ["formats is a comma-separated list of png, svg, pdf."] });
        }

        if (await db.Events.FindAsync([id], ct) is null)
        {
            return Problems.NotFound("event", id);
        }

        var job = warmer.Start(tenant.TenantId, id, list);
        return TypedResults.Accepted($"/api/v1/events/{id}/warm/{job.Id}", job);
    }

    private static Results<Ok<WarmJobStatus>, ProblemHttpResult> GetWarm(Guid id, Guid job, TenantContext tenant, PassWarmer warmer) =>
        warmer.Find(tenant.TenantId, id, job) is { } status ? TypedResults.Ok(status) : Problems.NotFound("warming job", job);
}
