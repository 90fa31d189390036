using SkiaSharp;

namespace QrForge.Scanning.Tests;

/// <summary>Grey buffers to encoded image files through SkiaSharp.</summary>
internal static class Png
{
    public static byte[] Encode((byte[] Pixels, int Width, int Height) image, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 100)
    {
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static SKBitmap ToBitmap((byte[] Pixels, int Width, int Height) image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(image.Pixels, 0, bitmap.GetPixels(), image.Pixels.Length);
        return bitmap;
    }
}
