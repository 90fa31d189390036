using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Identity;

namespace QrForge.Server.Passes;

/// <summary><c>/api/v1/checkins</c>: one scan, or an offline batch.</summary>
public static class CheckInEndpoints
{
    /// <summary>Largest offline upload body (10,000 scans of about 2.5 KB).</summary>
    public const int OfflineBodyBytes = 32 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCheckIns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/checkins").WithTags("Passes");
        group.MapPost("/", CheckIn).WithName("CheckIn").RequireAuthorization(Policies.Scan).WithMetadata(new RequestSizeLimitAttribute(PassEndpoints.SmallBodyBytes));
        group.MapPost("/offline", Offline).WithName("UploadOfflineCheckIns").RequireAuthorization(Policies.Scan).WithMetadata(new RequestSizeLimitAttribute(OfflineBodyBytes));
        return app;
    }

    private static async Task<Results<Ok<CheckInResponse>, ValidationProblem>> CheckIn(CheckInRequest request, CheckInService checkIns, CancellationToken ct)
    {
        var errors = CheckInService.Validate(request);
        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(await checkIns.RecordAsync(request, offline: false, ct));
    }

    private static async Task<Results<Ok<OfflineUploadResponse>, ValidationProblem>> Offline(OfflineUploadRequest request, CheckInService checkIns, IOptions<PassesOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxOfflineBatch;
        if (request.Scans is not { Count: > 0 } scans || scans.Count > max)
        {
            return Problems.Validation(new() { ["scans"] = [$"scans holds 1-{max} scans."] });
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < scans.Count; i++)
        {
            if (scans[i] is null)
            {
                errors[$"scans[{i}]"] = ["A scan is required."];
                continue;
            }

            foreach (var (field, messages) in CheckInService.Validate(scans[i], $"scans[{i}]."))
            {
                errors[field] = messages;
            }

            if (scans[i].ScannedAt is null)
            {
                errors[$"scans[{i}].scanned_at"] = ["Offline scans need scanned_at."];
            }
        }

        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(await checkIns.UploadAsync(scans, ct));
    }
}
