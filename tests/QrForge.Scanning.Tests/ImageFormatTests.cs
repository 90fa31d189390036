using System.Buffers.Binary;
using QrForge.Encoding;
using SkiaSharp;

namespace QrForge.Scanning.Tests;

public class ImageFormatTests
{
    private static readonly (byte[] Pixels, int Width, int Height) Image = Raster.Render(QrCode.EncodeText("image formats", Ecc.M), scale: 5);

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Read_SkiaEncodedFormats_ReturnText(SKEncodedImageFormat format)
    {
        var file = Png.Encode(Image, format, 90);

        Assert.Equal("image formats", Assert.Single(Scanner.Read(file).Symbols).Text);
    }

    [Fact]
    public void Read_Bmp_ReturnsText()
    {
        Assert.Equal("image formats", Assert.Single(Scanner.Read(Bmp(Image)).Symbols).Text);
    }

    [Fact]
    public void Read_TransparentPng_CompositesOverWhite()
    {
        // Dark modules opaque black, light modules fully transparent (as some generators write them).
        var (grey, width, height) = Image;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < grey.Length; i++)
        {
            pixels[(i * 4) + 3] = grey[i] == 0 ? (byte)255 : (byte)0;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        Assert.Equal("image formats", Assert.Single(Scanner.Read(data.ToArray()).Symbols).Text);
    }

    [Fact]
    public void Read_Gif_ReturnsText()
    {
        Assert.Equal("image formats", Assert.Single(Scanner.Read(Gif(Image)).Symbols).Text);
    }

    /// <summary>
    /// A GIF89a with a black/white palette whose LZW stream never lets the code table grow: a clear code before every
    /// two pixels keeps every code 3 bits wide (minimum code size 2: pixels 0-3, clear 4, end 5).
    /// </summary>
    private static byte[] Gif((byte[] Pixels, int Width, int Height) image)
    {
        using var file = new MemoryStream();
        file.Write("GIF89a"u8);
        void Short(int value)
        {
            file.WriteByte((byte)value);
            file.WriteByte((byte)(value >> 8));
        }

        Short(image.Width);
        Short(image.Height);
        file.Write([0x81, 0, 0]);                           // global table of 4 colours, background 0
        file.Write([0, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0, 0]); // 0 black, 1 white
        file.WriteByte(0x2C);
        Short(0);
        Short(0);
        Short(image.Width);
        Short(image.Height);
        file.WriteByte(0);
        file.WriteByte(2);                                  // LZW minimum code size

        var data = new List<byte>();
        int buffer = 0, bits = 0;
        void Code(int code)
        {
            buffer |= code << bits;
            bits += 3;
            while (bits >= 8)
            {
                data.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }

        for (var i = 0; i < image.Pixels.Length; i++)
        {
            if (i % 2 == 0)
            {
                Code(4);
            }

            Code(image.Pixels[i] < 128 ? 0 : 1);
        }

        Code(5);
        if (bits > 0)
        {
            data.Add((byte)buffer);
        }

        for (var offset = 0; offset < data.Count; offset += 255)
        {
            var length = Math.Min(255, data.Count - offset);
            file.WriteByte((byte)length);
            file.Write(data.GetRange(offset, length).ToArray());
        }

        file.WriteByte(0);
        file.WriteByte(0x3B);
        return file.ToArray();
    }

    /// <summary>An uncompressed 24-bit BMP, bottom-up rows padded to 4 bytes.</summary>
    private static byte[] Bmp((byte[] Pixels, int Width, int Height) image)
    {
        var rowBytes = ((image.Width * 3) + 3) & ~3;
        var file = new byte[54 + (rowBytes * image.Height)];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), image.Height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        for (var y = 0; y < image.Height; y++)
        {
            var row = 54 + ((image.Height - 1 - y) * rowBytes);
            for (var x = 0; x < image.Width; x++)
            {
                var v = image.Pixels[(y * image.Width) + x];
                file[row + (x * 3)] = v;
                file[row + (x * 3) + 1] = v;
                file[row + (x * 3) + 2] = v;
            }
        }

        return file;
    }
}
