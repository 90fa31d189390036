using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Images;
using QrForge.Server.Jobs;
using QrForge.Server.Operations;

namespace QrForge.Server.Codes;

public static class CodeEndpoints
{
    public static IServiceCollection AddCodes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CodeService>();
        services.AddSingleton<CodeWriter>();
        services.AddSingleton<AnonymousRenderGate>();
        services.AddHostedService(sp => sp.GetRequiredService<CodeWriter>());
        services.AddScoped<ICleanupStep, ExpiredCodeCleanup>();
        return services;
    }

    /// <summary>Maps <c>/api/v1/codes</c>: reads need <see cref="Policies.Read"/>, changes <see cref="Policies.Write"/>.</summary>
    public static IEndpointRouteBuilder MapCodes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/codes").WithTags("Codes");
        group.MapPost("/", Create).WithName("CreateCode").RequireAuthorization(Policies.Write);
        group.MapGet("/", List).WithName("ListCodes").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetCode").RequireAuthorization(Policies.Read);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateCode").RequireAuthorization(Policies.Write);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteCode").RequireAuthorization(Policies.Write);
        group.MapGet("/{id:guid}/image.{format}", Image).WithName("GetCodeImage").AllowAnonymous();
        app.MapRender();
        app.MapLegacy();
        return app;
    }

    private static async Task<Results<Created<CodeResponse>, ValidationProblem>> Create(CreateCodeRequest request, CodeService codes, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = codes.Validate(request, errors);
        if (code is null)
        {
            return Problems.Validation(errors);
        }

        var snapshot = await codes.CreateAsync(code, ct);
        await audit.RecordAsync("code.create", "code", code.Id.ToString(), $"code v{code.Version} {code.Ecc}, label '{code.Label}'", ct);
        return TypedResults.Created($"/api/v1/codes/{code.Id}", ToResponse(snapshot, codes.UtcNow, http));
    }

    private static async Task<Results<Ok<Page<CodeResponse>>, ValidationProblem>> List(
        CodeService codes, HttpContext http, CancellationToken ct,
        string? cursor = null, int limit = 50, string? tag = null, string? label = null, string? status = null)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors);

        if (status is not (null or "active" or "expired"))
        {
            errors["status"] = ["status must be active or expired."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (items, next) = await codes.ListAsync(after, limit, tag, label, status, ct);
        var now = codes.UtcNow;
        return TypedResults.Ok(new Page<CodeResponse>([.. items.Select(c => ToResponse(c, now, http))], next));
    }

    private static async Task<Results<Ok<CodeResponse>, ProblemHttpResult>> Get(Guid id, CodeService codes, HttpContext http, CancellationToken ct)
    {
        var code = await codes.FindAsync(id, ct);
        return code is null ? Problems.NotFound("code", id) : TypedResults.Ok(ToResponse(code, codes.UtcNow, http));
    }

    private static async Task<Results<Ok<CodeResponse>, ProblemHttpResult, ValidationProblem>> Update(Guid id, UpdateCodeRequest request, CodeService codes, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (code, found) = await codes.UpdateAsync(id, request, errors, ct);
        if (!found)
        {
            return Problems.NotFound("code", id);
        }

        if (code is null)
        {
            return Problems.Validation(errors);
        }

        await audit.RecordAsync("code.update", "code", id.ToString(), "changed: " + string.Join(", ", ChangedFields(request)), ct);
        return TypedResults.Ok(ToResponse(code, codes.UtcNow, http));
    }

    private static IEnumerable<string> ChangedFields(UpdateCodeRequest r)
    {
        (string Name, bool Given)[] fields =
        [
            ("label", r.Label is not null), ("tags", r.Tags is not null), ("expiry", r.ExpirationHours is not null || r.ExpiresAt is not null || r.NeverExpires is not null),
            ("style", r.Style is not null), ("public", r.Public is not null),
        ];
        return fields.Where(f => f.Given).Select(f => f.Name);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, CodeService codes, AuditTrail audit, CancellationToken ct)
    {
        if (!await codes.DeleteAsync(id, ct))
        {
            return Problems.NotFound("code", id);
        }

        await audit.RecordAsync("code.delete", "code", id.ToString(), "deleted", ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Image(
        Guid id, string format, CodeService codes, IOptions<QrForgeOptions> options, AnonymousRenderGate gate, HttpContext http, CancellationToken ct,
        int? size = null, int? scale = null, int? border = null, string? dark = null, string? light = null, string? shape = null)
    {
        format = format.ToLowerInvariant();
        if (!ImageFormat.IsKnown(format))
        {
            return Problems.NotFound("image format", format);
        }

        var overrides = new ImageStyle { Size = size, Scale = scale, Border = border, Dark = dark, Light = light, Shape = shape };
        var errors = new Dictionary<string, string[]>();
        var anonymous = AnonymousRenderGate.IsAnonymous(http);
        var maxPixels = anonymous ? Math.Min(options.Value.Codes.AnonymousMaxImagePixels, options.Value.Codes.MaxImagePixels) : options.Value.Codes.MaxImagePixels;
        overrides.Validate("", maxPixels, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // The tenant's readers see every image of their codes; anyone else only images of public codes.
        var reader = http.User.FindFirst(ClaimNames.Role)?.Value is Roles.Viewer or Roles.Operator or Roles.Admin;
        var code = reader ? await codes.FindAsync(id, ct) : null;
        if (code is null)
        {
            code = await codes.FindAsync(id, ct, anyTenant: true);
            if (code is not { IsPublic: true })
            {
                return Problems.NotFound("code", id);
            }
        }

        var now = codes.UtcNow;
        if (code.IsExpired(now))
        {
            return Problems.Gone(id, code.ExpiresAt!.Value);
        }

        var style = (code.Style ?? new ImageStyle()).With(overrides);
        var cacheable = size is null && scale is null && border is null && dark is null && light is null && shape is null;
        if (!style.FitsWithin(17 + 4 * code.Version, false, cacheable ? options.Value.Codes.MaxImagePixels : maxPixels))
        {
            // The code's own style may use the full size (its image is cached); overrides of anonymous callers may not.
            return Problems.Validation(new() { ["scale"] = [$"The image would exceed {maxPixels} pixels per side{(anonymous ? " (the limit without credentials)" : "")}."] });
        }

        using var lease = anonymous && !cacheable ? await gate.EnterAsync(ct) : null;
        if (lease is { IsAcquired: false })
        {
            return AnonymousRenderGate.Busy(http);
        }

        var body = await codes.ImageAsync(code, format, style, cacheable, ct);
        var maxAge = code.ExpiresAt is { } expires ? Math.Min(3600, (int)Math.Max(0, (expires - now).TotalSeconds)) : 3600;
        return ImageResults.Send(http, body, format, maxAge);
    }

    internal static CodeResponse ToResponse(CodeSnapshot c, DateTime now, HttpContext http)
    {
        var baseUrl = PublicUrls.BaseUrl(http) + $"/api/v1/codes/{c.Id}/image.";
        return new CodeResponse(
            c.Id,
            c.IsBinary ? null : c.Data,
            c.IsBinary ? c.Data : null,
            c.Label,
            c.Tags,
            c.Ecc.ToString(),
            c.Version,
            c.CreatedAt,
            c.UpdatedAt,
            c.ExpiresAt,
            c.IsExpired(now),
            c.Style,
            new ImageUrls(baseUrl + "png", baseUrl + "svg", baseUrl + "pdf", baseUrl + "eps", baseUrl + "txt"),
            c.IsPublic);
    }
}
