namespace QrForge.Server.Passes;

/// <summary>The body of <c>/.well-known/qrforge-keys.json</c>.</summary>
public sealed record PublishedKeys(IReadOnlyList<PublishedKey> Keys);
