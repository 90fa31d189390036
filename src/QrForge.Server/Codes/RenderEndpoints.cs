using Microsoft.Extensions.Options;
using QrForge.Encoding;
using QrForge.Server.Api;
using QrForge.Server.Images;
using QrForge.Server.Operations;

namespace QrForge.Server.Codes;

/// <summary>
/// <c>GET /api/v1/render</c>: stateless rendering for clients that store nothing. Public and bounded: without
/// credentials, images are at most <c>AnonymousMaxImagePixels</c> per side, data at most <c>MaxRenderDataLength</c>,
/// and renders run in the bounded slots of <see cref="AnonymousRenderGate"/>.
/// </summary>
public static class RenderEndpoints
{
    public static IEndpointRouteBuilder MapRender(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/render", Render).WithTags("Render").WithName("Render").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Render(
        IOptions<QrForgeOptions> options, QrForgeMetrics metrics, AnonymousRenderGate gate, HttpContext http, CancellationToken ct,
        string? data = null, string format = "png", string? ecc = null, int? size = null, int? scale = null, int? border = null,
        string? dark = null, string? light = null, string? shape = null)
    {
        var settings = options.Value.Codes;
        if (!settings.RenderEndpoint)
        {
            return Problems.Disabled("Stateless rendering");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(data))
        {
            errors["data"] = ["data is required."];
        }
        else if (data.Length > settings.MaxRenderDataLength)
        {
            errors["data"] = [$"data must be at most {settings.MaxRenderDataLength} characters."];
        }

        format = format.ToLowerInvariant();
        if (!ImageFormat.IsKnown(format))
        {
            errors["format"] = ["format must be png, svg, pdf, eps or txt."];
        }

        var level = CodeService.ParseEcc(ecc, "ecc", errors) ?? Ecc.M;
        var style = new ImageStyle { Size = size, Scale = scale, Border = border, Dark = dark, Light = light, Shape = shape };
        var anonymous = AnonymousRenderGate.IsAnonymous(http);
        var maxPixels = anonymous ? Math.Min(settings.AnonymousMaxImagePixels, settings.MaxImagePixels) : settings.MaxImagePixels;
        style.Validate("", maxPixels, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var symbol = CodeService.TryEncode(data!, false, level, errors);
        if (symbol is null)
        {
            return Problems.Validation(errors);
        }

        if (!style.FitsWithin(symbol.Size, false, maxPixels))
        {
            return Problems.Validation(new() { ["scale"] = [$"The image would exceed {maxPixels} pixels per side{(anonymous ? " (the limit without credentials)" : "")}."] });
        }

        // Anonymous renders share a bounded number of slots (AnonymousRenderGate): their CPU has a ceiling.
        using var lease = anonymous ? await gate.EnterAsync(ct) : null;
        if (lease is { IsAcquired: false })
        {
            return AnonymousRenderGate.Busy(http);
        }

        // Not cached on the server: any caller can send endless distinct data, and rendering costs microseconds.
        // Identical requests give identical bytes, so clients and proxies cache by the ETag.
        metrics.ImageRendered(format);
        var body = CachedImage.Of(ImageFormat.Render(symbol, format, style.ToRenderOptions()));
        return ImageResults.Send(http, body, format, 86_400);
    }
}
