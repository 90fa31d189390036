namespace QrForge.Server.Links;

/// <summary><c>POST /api/v1/links/bulk</c>: 1-1,000 links.</summary>
public sealed record BulkCreateLinksRequest(List<CreateLinkRequest?>? Links);
