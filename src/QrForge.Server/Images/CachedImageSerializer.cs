using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Hybrid;

namespace QrForge.Server.Images;

/// <summary>
/// Stores a <see cref="CachedImage"/> in the shared cache as raw bytes — a 2-byte ETag length, the ETag (ASCII),
/// then the image — instead of JSON with the image in base64: a third smaller and no encoding work per entry.
/// </summary>
internal sealed class CachedImageSerializer : IHybridCacheSerializer<CachedImage>
{
    public CachedImage Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new SequenceReader<byte>(source);
        if (!reader.TryReadBigEndian(out short length) || length < 0 || reader.Remaining < length)
        {
            throw new InvalidDataException("A cached image entry is truncated.");
        }

        var etag = new byte[length];
        reader.TryCopyTo(etag);
        reader.Advance(length);
        var body = new byte[reader.Remaining];
        reader.TryCopyTo(body);
        return new CachedImage(body, System.Text.Encoding.ASCII.GetString(etag));
    }

    public void Serialize(CachedImage value, IBufferWriter<byte> target)
    {
        var etagLength = System.Text.Encoding.ASCII.GetByteCount(value.ETag);
        var span = target.GetSpan(2 + etagLength);
        BinaryPrimitives.WriteInt16BigEndian(span, checked((short)etagLength));
        System.Text.Encoding.ASCII.GetBytes(value.ETag, span[2..]);
        target.Advance(2 + etagLength);
        target.Write(value.Body);
    }
}
