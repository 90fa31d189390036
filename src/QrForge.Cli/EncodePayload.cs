namespace QrForge.Cli;

/// <summary>The data <c>qrforge encode</c> encodes: text, or raw bytes from --input.</summary>
internal readonly record struct EncodePayload(string? Text, byte[]? Bytes);
