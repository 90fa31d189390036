using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Operations;

public sealed class CodesOptions
{
    /// <summary>Longest <c>data</c> accepted, in characters (or bytes for <c>data_base64</c>). Default 4096.</summary>
    [Range(1, 1_000_000)]
    public int MaxDataLength { get; set; } = 4096;

    /// <summary>Longest <c>data</c> accepted by the public, stateless <c>/api/v1/render</c>. Default 1024.</summary>
    [Range(1, 1_000_000)]
    public int MaxRenderDataLength { get; set; } = 1024;

    /// <summary>Longest expiry from now, in hours. Default 87,600 (ten years).</summary>
    [Range(1, 10_000_000)]
    public double MaxExpirationHours { get; set; } = 87_600;

    /// <summary>Expiry of codes made through the original <c>POST /generate</c> when it names none. Default 24.</summary>
    [Range(0.001, 10_000_000)]
    public double DefaultLegacyExpirationHours { get; set; } = 24;

    /// <summary>Largest image side in pixels. Default 4096.</summary>
    [Range(16, 20_000)]
    public int MaxImagePixels { get; set; } = 4096;

    /// <summary>
    /// Largest image side in pixels for callers without credentials (<c>/api/v1/render</c>, images of public
    /// codes). Default 1024; signed-in callers get <see cref="MaxImagePixels"/>.
    /// </summary>
    [Range(16, 20_000)]
    public int AnonymousMaxImagePixels { get; set; } = 1024;

    /// <summary>
    /// Renders for callers without credentials running at once on a node; further ones wait in a short queue
    /// (<see cref="AnonymousRenderQueue"/>), then get 503 with <c>Retry-After</c>. Default: half the processors
    /// (at least 1), so anonymous rendering can never take the whole machine.
    /// </summary>
    [Range(0, 1024)]
    public int AnonymousRenderConcurrency { get; set; }

    /// <summary>Anonymous renders waiting for a slot, per node. Default 16.</summary>
    [Range(0, 10_000)]
    public int AnonymousRenderQueue { get; set; } = 16;

    /// <summary>Base URL used in links the service returns (<c>image_url</c>s); default: taken from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Serve the original service's <c>POST /generate</c> and <c>GET /retrieve/{qr_id}</c>. Default on.</summary>
    public bool LegacyEndpoints { get; set; } = true;

    /// <summary>Serve the public, stateless <c>GET /api/v1/render</c>. Default on.</summary>
    public bool RenderEndpoint { get; set; } = true;
}
