using System.Buffers;
using QrForge.Server.Images;

namespace QrForge.Server.Tests.Caching;

public class CachedImageSerializerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70_000)]
    public void RoundTrip_KeepsBodyAndETag(int size)
    {
        var body = new byte[size];
        new Random(size).NextBytes(body);
        var image = CachedImage.Of(body);
        var serializer = new CachedImageSerializer();
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(image, buffer);
        Assert.Equal(2 + image.ETag.Length + size, buffer.WrittenCount);

        var back = serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        Assert.Equal(image.ETag, back.ETag);
        Assert.Equal(body, back.Body);
    }

    [Fact]
    public void Deserialize_Truncated_Throws()
    {
        var serializer = new CachedImageSerializer();
        Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new ReadOnlySequence<byte>(new byte[] { 0, 40, 1, 2 })));
    }
}
