namespace QrForge.Server.Scans;

/// <summary>What a user agent string says about the visitor.</summary>
public readonly record struct UserAgentInfo(string Device, string Os, string Browser, bool IsBot);
