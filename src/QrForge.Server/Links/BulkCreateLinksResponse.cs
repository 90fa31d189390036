namespace QrForge.Server.Links;

/// <summary>The answer of a bulk create: one result per row, in request order.</summary>
public sealed record BulkCreateLinksResponse(int Created, int Failed, IReadOnlyList<BulkLinkResult> Results);
