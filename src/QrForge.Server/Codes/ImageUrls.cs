namespace QrForge.Server.Codes;

/// <summary>Absolute URLs of the code's image in every format.</summary>
public sealed record ImageUrls(string Png, string Svg, string Pdf, string Eps, string Txt);
