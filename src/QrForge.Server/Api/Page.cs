namespace QrForge.Server.Api;

/// <summary>One page of a list, newest first; pass <c>next_cursor</c> as <c>cursor</c> for the next page (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
