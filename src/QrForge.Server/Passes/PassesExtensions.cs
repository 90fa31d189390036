using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using QrForge.Server.Identity;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

public static class PassesExtensions
{
    /// <summary>
    /// Registers passes, keys, check-in and warming, and ASP.NET Core Data Protection (application name
    /// <c>QrForge</c>) with its key ring in the database, or in <c>QrForge:Passes:KeyRingPath</c> when set,
    /// optionally encrypted with <c>KeyRingCertificatePath</c>.
    /// </summary>
    public static IServiceCollection AddPasses(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(QrForgeOptions.Section).Get<QrForgeOptions>()?.Passes ?? new PassesOptions();
        var protection = services.AddDataProtection().SetApplicationName("QrForge");
        if (!string.IsNullOrWhiteSpace(settings.KeyRingPath))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(settings.KeyRingPath));
        }
        else
        {
            protection.PersistKeysToDbContext<QrForgeDbContext>();
        }

        if (!string.IsNullOrWhiteSpace(settings.KeyRingCertificatePath))
        {
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(settings.KeyRingCertificatePath, settings.KeyRingCertificatePassword));
        }

        services.AddSingleton<PassKeyRing>();
        services.AddSingleton<PassWarmer>();
        services.AddScoped<PassService>();
        services.AddScoped<CheckInService>();
        services.AddSingleton<CheckInWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckInWriter>());
        return services;
    }

    /// <summary>Maps events, subjects, passes, check-ins, keys and warming.</summary>
    public static IEndpointRouteBuilder MapPasses(this IEndpointRouteBuilder app)
    {
        app.MapEvents();
        app.MapSubjects();
        app.MapPassApi();
        app.MapCheckIns();
        app.MapPassImageLinks();
        app.MapPassAdmin();
        app.MapPassKeys();
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
