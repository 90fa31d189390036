using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

/// <summary>The salt-and-pepper stage: impulse detection and the 3×3 median.</summary>
public class MedianFilterTests
{
    [Fact]
    public void Median3x3_IsolatedImpulses_AreRemovedAndEdgesKept()
    {
        var pixels = new byte[16 * 16];
        for (var y = 0; y < 16; y++)
        {
            pixels.AsSpan(y * 16, 8).Clear();
            pixels.AsSpan((y * 16) + 8, 8).Fill(255);
        }

        pixels[(5 * 16) + 3] = 255;  // salt in the dark half
        pixels[(9 * 16) + 12] = 0;   // pepper in the light half

        var median = Binarizer.Median3x3(pixels, 16, 16);
        try
        {
            Assert.Equal(0, median[(5 * 16) + 3]);
            Assert.Equal(255, median[(9 * 16) + 12]);
            Assert.Equal(0, median[(9 * 16) + 7]);
            Assert.Equal(255, median[(9 * 16) + 8]);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(median);
        }
    }

    [Fact]
    public void ImpulseFraction_CleanSymbolAndNoisySymbol_AreTold()
    {
        var (pixels, width, height) = Raster.Render(QrCode.EncodeText("impulses", Ecc.M), 4);
        Assert.True(Binarizer.ImpulseFraction(pixels, width, height) < 0.001);

        var random = new Random(7);
        for (var p = 0; p < pixels.Length; p++)
        {
            if (random.NextDouble() < 0.03)
            {
                pixels[p] = random.Next(2) == 0 ? (byte)0 : (byte)255;
            }
        }

        Assert.True(Binarizer.ImpulseFraction(pixels, width, height) > 0.005);
    }

    [Fact]
    public void Read_SaltAndPepperThreePercent_ReadsTheSymbol()
    {
        var (pixels, width, height) = Raster.Render(QrCode.EncodeText("https://qrforge.example/r/noisy", Ecc.M), 4);
        var random = new Random(3);
        for (var p = 0; p < pixels.Length; p++)
        {
            if (random.NextDouble() < 0.03)
            {
                pixels[p] = random.Next(2) == 0 ? (byte)0 : (byte)255;
            }
        }

        var result = Scanner.ReadPixels(pixels, width, height, ScanPixelFormat.Grey8);

        Assert.Equal("https://qrforge.example/r/noisy", Assert.Single(result.Symbols).Text);
    }
}
