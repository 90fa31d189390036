namespace QrForge.Server.Links;

/// <summary>The outcome of one row of a bulk create: <c>status</c> 201 (created), 400 (invalid) or 409 (slug taken).</summary>
public sealed record BulkLinkResult(int Index, int Status, Guid? Id, string? Slug, string? ShortUrl, Dictionary<string, string[]>? Errors);
