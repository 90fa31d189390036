using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

/// <summary>Rasterises symbols into 8-bit grey buffers for the reader: dark 0, light 255, with a quiet zone.</summary>
internal static class Raster
{
    public static (byte[] Pixels, int Width, int Height) Render(QrCode code, int scale = 4, int quietZone = 4, bool inverted = false)
    {
        var side = (code.Size + (2 * quietZone)) * scale;
        var pixels = new byte[side * side];
        byte light = inverted ? (byte)0 : (byte)255;
        byte dark = inverted ? (byte)255 : (byte)0;
        pixels.AsSpan().Fill(light);
        for (var y = 0; y < code.Size; y++)
        {
            for (var x = 0; x < code.Size; x++)
            {
                if (!code[x, y])
                {
                    continue;
                }

                for (var dy = 0; dy < scale; dy++)
                {
                    var row = ((y + quietZone) * scale) + dy;
                    pixels.AsSpan((row * side) + ((x + quietZone) * scale), scale).Fill(dark);
                }
            }
        }

        return (pixels, side, side);
    }

    /// <summary>Places several rendered symbols side by side on one light canvas.</summary>
    public static (byte[] Pixels, int Width, int Height) SideBySide(params (byte[] Pixels, int Width, int Height)[] images)
    {
        var width = images.Sum(i => i.Width);
        var height = images.Max(i => i.Height);
        var pixels = new byte[width * height];
        pixels.AsSpan().Fill(255);
        var left = 0;
        foreach (var (p, w, h) in images)
        {
            for (var y = 0; y < h; y++)
            {
                p.AsSpan(y * w, w).CopyTo(pixels.AsSpan((y * width) + left));
            }

            left += w;
        }

        return (pixels, width, height);
    }

    /// <summary>Mirror image (left-right) of a grey buffer.</summary>
    public static byte[] Mirror(byte[] pixels, int width, int height)
    {
        var result = new byte[pixels.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                result[(y * width) + x] = pixels[(y * width) + width - 1 - x];
            }
        }

        return result;
    }

    public static ScanResult Read(QrCode code, int scale = 4) =>
        Read(Render(code, scale));

    public static ScanResult Read((byte[] Pixels, int Width, int Height) image) =>
        Scanner.ReadPixels(image.Pixels, image.Width, image.Height, ScanPixelFormat.Grey8);
}
