using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace QrForge.Scanning;

/// <summary>Encoded image → 8-bit grey, through SkiaSharp's codecs, with the size checked from the header first.</summary>
internal static class ImageLoader
{
    public static ScanStatus TryLoad(ReadOnlySpan<byte> encoded, ScanOptions options, out byte[] grey, out int width, out int height, out string? error)
    {
        grey = [];
        width = height = 0;
        if (encoded.IsEmpty)
        {
            error = "The image is empty.";
            return ScanStatus.InvalidImage;
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            error = "Not a PNG, JPEG, WebP, GIF or BMP image, or its header is corrupt.";
            return ScanStatus.InvalidImage;
        }

        var info = codec.Info;
        var status = CheckSize(info.Width, info.Height, options, out error);
        if (status != ScanStatus.Found)
        {
            return status;
        }

        width = info.Width;
        height = info.Height;
        var pixelCount = width * height;

        // Grey sources decode straight to one byte per pixel; everything else goes through RGBA over white.
        var greySource = info.ColorType == SKColorType.Gray8;
        var decodeInfo = greySource
            ? new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var buffer = ArrayPool<byte>.Shared.Rent(decodeInfo.BytesSize);
        var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(decodeInfo, handle.AddrOfPinnedObject());

            // A truncated file decodes as far as it goes (Skia fills the rest); that part may still hold a symbol.
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput))
            {
                error = $"The image could not be decoded ({result}).";
                return ScanStatus.InvalidImage;
            }

            // Rented: the caller returns it to the shared pool when done.
            grey = ArrayPool<byte>.Shared.Rent(pixelCount);
            if (greySource)
            {
                buffer.AsSpan(0, pixelCount).CopyTo(grey);
            }
            else
            {
                PixelConverter.RgbaToGrey(buffer.AsSpan(0, pixelCount * 4), grey.AsSpan(0, pixelCount), redFirst: true);
            }
        }
        finally
        {
            handle.Free();
            ArrayPool<byte>.Shared.Return(buffer);
        }

        error = null;
        return ScanStatus.Found;
    }

    public static ScanStatus CheckSize(long width, long height, ScanOptions options, out string? error)
    {
        if (width <= 0 || height <= 0)
        {
            error = "The image has no pixels.";
            return ScanStatus.InvalidImage;
        }

        if (width > options.MaxWidth || height > options.MaxHeight || width * height > options.MaxPixels)
        {
            error = $"The image is {width}×{height} pixels, over the limit of {options.MaxWidth}×{options.MaxHeight} and {options.MaxPixels} pixels.";
            return ScanStatus.ImageTooLarge;
        }

        error = null;
        return ScanStatus.Found;
    }
}

/// <summary>Colour to luminance: ITU-R BT.601 weights in fixed point, transparency composited over white.</summary>
internal static class PixelConverter
{
    public static void RgbaToGrey(ReadOnlySpan<byte> pixels, Span<byte> grey, bool redFirst)
    {
        var (r, b) = redFirst ? (0, 2) : (2, 0);
        for (int i = 0, p = 0; i < grey.Length; i++, p += 4)
        {
            // 306/601/117 of 1024 ≈ 0.299/0.587/0.114.
            var luma = ((306 * pixels[p + r]) + (601 * pixels[p + 1]) + (117 * pixels[p + b]) + 512) >> 10;
            var alpha = pixels[p + 3];
            grey[i] = alpha == 255 ? (byte)luma : (byte)(((luma * alpha) + (255 * (255 - alpha)) + 127) / 255);
        }
    }
}
