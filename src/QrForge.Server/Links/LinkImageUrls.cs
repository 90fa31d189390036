namespace QrForge.Server.Links;

/// <summary>The link's QR image in each format; each encodes the marked URL <c>/r/{slug}?qr</c>.</summary>
public sealed record LinkImageUrls(string Png, string Svg, string Pdf, string Eps);
