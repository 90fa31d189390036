namespace QrForge.Encoding;

internal enum PayloadKind
{
    Text,
    Bytes,
    Segments,
}
