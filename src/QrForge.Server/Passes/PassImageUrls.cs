namespace QrForge.Server.Passes;

/// <summary>Absolute URLs of a pass's images (compact token; add <c>?token=jwt</c> for the JWT).</summary>
public sealed record PassImageUrls(string Png, string Svg, string Pdf);
