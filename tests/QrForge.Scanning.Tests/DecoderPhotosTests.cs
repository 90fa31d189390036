using Xunit.Abstractions;

namespace QrForge.Scanning.Tests;

/// <summary>A fact that runs only where the shared decoder-photos folder is present, skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PhotoFactAttribute : FactAttribute
{
    public PhotoFactAttribute()
    {
        if (PhotoSet.Locate() is null)
        {
            Skip = $"The decoder-photos set is absent: set {PhotoSet.EnvironmentVariable} or place it at ../shared/decoder-photos.";
        }
    }
}

/// <summary>
/// The real photographs of ../shared/decoder-photos read at four rotations (see docs/scanning.md). The floors are the
/// counts reached, so a change that loses a case fails; raise them when a change gains.
/// </summary>
public class DecoderPhotosTests(ITestOutputHelper output)
{
    // Cases read per folder (images × 4 rotations) as of the last measured change.
    private static readonly Dictionary<string, int> Floors = new()
    {
        ["microqrcode-1"] = 26,
        ["qrcode-1"] = 16,
        ["qrcode-2"] = 86,
        ["qrcode-3"] = 33,
        ["qrcode-4"] = 32,
        ["qrcode-5"] = 32,
        ["qrcode-6"] = 32,
    };

    [PhotoFact]
    public void DecoderPhotos_FourRotations_ReadAtLeastTheFloorPerFolder()
    {
        var photos = PhotoSet.Load(PhotoSet.Locate()!);
        var (read, missed, slowest, slowestName) = PhotoSet.Run(photos);
        output.WriteLine(PhotoSet.Table(read));
        output.WriteLine($"slowest: {slowestName} {slowest * 1000:F0} ms");
        output.WriteLine("missed: " + string.Join(' ', missed));

        Assert.Equal(Floors.Keys.Order(), read.Keys.Order());
        var shortfalls = Floors.Where(f => read[f.Key] < f.Value).Select(f => $"{f.Key}: {read[f.Key]} < {f.Value}").ToList();
        Assert.True(shortfalls.Count == 0, string.Join("; ", shortfalls));
    }

    [Fact]
    public void PhotoRotated_QuarterTurns_MovesCornerPixelsClockwise()
    {
        // 3×2 image: pixel value = index. A clockwise quarter turn puts the bottom-left pixel at the top-left.
        var photo = new Photo("f", "n", [0, 1, 2, 3, 4, 5], 3, 2, []);
        var (pixels, width, height) = photo.Rotated(1);
        Assert.Equal((2, 3), (width, height));
        Assert.Equal<uint>([3, 0, 4, 1, 5, 2], pixels);
        Assert.Equal<uint>([5, 4, 3, 2, 1, 0], photo.Rotated(2).Pixels);
        Assert.Equal<uint>([2, 5, 1, 4, 0, 3], photo.Rotated(3).Pixels);
    }
}
