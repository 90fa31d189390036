using QRCoder;
using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Benchmarks;

// One loop per library and output, shared by the three workload classes. Each returns a checksum of what it
// made (module counts, byte counts, character counts) so no result can be optimised away, and so a run that
// silently produced nothing would show up as a zero.

/// <summary>QrForge: encode, then optionally render, every input.</summary>
public static class QrForgeContender
{
    /// <summary>10 px per module and a 4-module quiet zone, black on white: the same picture QRCoder draws.</summary>
    public static readonly RenderOptions Options = new() { Scale = 10, Border = 4 };

    /// <summary>Encodes every input; returns the sum of the symbols' sizes.</summary>
    public static long Symbols(string[] inputs, Ecc ecc)
    {
        long sum = 0;
        foreach (var text in inputs)
        {
            sum += QrCode.EncodeText(text, ecc).Size;
        }

        return sum;
    }

    /// <summary>Encodes and renders every input as PNG; returns the total PNG length.</summary>
    public static long Png(string[] inputs, Ecc ecc)
    {
        long sum = 0;
        foreach (var text in inputs)
        {
            sum += PngRenderer.Render(QrCode.EncodeText(text, ecc), Options).Length;
        }

        return sum;
    }

    /// <summary>Encodes and renders every input as SVG; returns the total SVG length in characters.</summary>
    public static long Svg(string[] inputs, Ecc ecc)
    {
        long sum = 0;
        foreach (var text in inputs)
        {
            sum += SvgRenderer.Render(QrCode.EncodeText(text, ecc), Options).Length;
        }

        return sum;
    }
}

/// <summary>
/// QRCoder 1.8.1, the most used .NET QR library, as the baseline. Its <see cref="QRCodeData"/> already carries
/// the 4-module quiet zone, and both renderers draw it by default in black on white.
/// </summary>
public static class QRCoderContender
{
    /// <summary>Pixels per module, as <see cref="QrForgeContender.Options"/>.</summary>
    public const int PixelsPerModule = 10;

    /// <summary>Encodes every input; returns the sum of the module matrices' sizes (quiet zone included).</summary>
    public static long Symbols(string[] inputs, QRCodeGenerator.ECCLevel ecc)
    {
        long sum = 0;
        foreach (var text in inputs)
        {
            using var data = QRCodeGenerator.GenerateQrCode(text, ecc);
            sum += data.ModuleMatrix.Count;
        }

        return sum;
    }

    /// <summary>Encodes and renders every input as PNG; returns the total PNG length.</summary>
    public static long Png(string[] inputs, QRCodeGenerator.ECCLevel ecc)
    {
        long sum = 0;
        foreach (var text in inputs)
        {
            using var data = QRCodeGenerator.GenerateQrCode(text, ecc);
            using var png = new PngByteQRCode(data);
            sum += png.GetGraphic(PixelsPerModule).Length;
        }

        return sum;
    }

    /// <summary>Encodes and renders every input as SVG; returns the total SVG length in characters.</summary>
    public static long Svg(string[] inputs, QRCodeGenerator.ECCLevel ecc)
    {
        long sum = 0;
        foreach (var text in inputs)
        {
            using var data = QRCodeGenerator.GenerateQrCode(text, ecc);
            using var svg = new SvgQRCode(data);
            sum += svg.GetGraphic(PixelsPerModule).Length;
        }

        return sum;
    }
}
