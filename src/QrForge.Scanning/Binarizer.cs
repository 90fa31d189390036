using System.Buffers;
using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace QrForge.Scanning;

/// <summary>
/// A thresholded image: one byte per pixel, 1 dark and 0 light, row-major. <see cref="Bits"/> (and <see cref="Grey"/>
/// for an inverted copy) are rented from the shared pool, possibly longer than the image: <see cref="Return"/> gives
/// them back once the detector is done.
/// </summary>
internal sealed class BinaryImage(int width, int height, byte[] bits, byte[] grey, bool ownsGrey = false)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Bits { get; } = bits;

    /// <summary>The grey image the bits were thresholded from (inverted along with them).</summary>
    public byte[] Grey { get; } = grey;

    public bool this[int x, int y] => Bits[(y * Width) + x] != 0;

    /// <summary>The same image with dark and light swapped, for light-on-dark symbols.</summary>
    public BinaryImage Inverted()
    {
        var count = Width * Height;
        var inverted = ArrayPool<byte>.Shared.Rent(count);
        var grey = ArrayPool<byte>.Shared.Rent(count);
        for (var i = 0; i < count; i++)
        {
            inverted[i] = (byte)(Bits[i] ^ 1);
            grey[i] = (byte)(255 - Grey[i]);
        }

        return new BinaryImage(Width, Height, inverted, grey, ownsGrey: true);
    }

    /// <summary>Returns the pooled buffers; the image must not be used afterwards.</summary>
    public void Return()
    {
        ArrayPool<byte>.Shared.Return(Bits);
        if (ownsGrey)
        {
            ArrayPool<byte>.Shared.Return(Grey);
        }
    }
}

/// <summary>
/// Local-threshold binarisation in the manner of ZXing's hybrid binariser: the image is cut into 8×8 blocks, each
/// block gets a black point from its mean (or, when its contrast is under 24 grey levels, from its neighbours), and
/// each pixel is compared with the average black point of the 5×5 blocks around its own. Uneven lighting and
/// gradients are absorbed because thresholds follow the neighbourhood.
/// </summary>
internal static class Binarizer
{
    private const int BlockShift = 3;
    private const int BlockSize = 1 << BlockShift;

    // A block whose grey levels span no more than this is treated as flat (all light, or dark like its neighbours).
    // 24 keeps sensor and JPEG noise in blank areas from turning into speckle; the low-contrast retry uses 4.
    public const int DefaultMinDynamicRange = 24;
    public const int LowContrastMinDynamicRange = 4;

    /// <summary>
    /// Local mid-range (Bernsen) thresholding for the last retry: each 8×8 block's threshold is the midpoint of the
    /// darkest and lightest pixel in the 3×3 blocks around it, so glare or deep shadow that compresses contrast to a
    /// few grey levels still splits dark from light. Areas whose range is under <paramref name="minRange"/> are light.
    /// </summary>
    public static BinaryImage BinarizeMidRange(byte[] grey, int width, int height, int minRange)
    {
        Debug.Assert(grey.Length >= width * height && width >= BlockSize && height >= BlockSize);
        var blocksX = (width + BlockSize - 1) >> BlockShift;
        var blocksY = (height + BlockSize - 1) >> BlockShift;
        var mins = new byte[blocksX * blocksY];
        var maxs = new byte[blocksX * blocksY];
        for (var by = 0; by < blocksY; by++)
        {
            var top = Math.Min(by << BlockShift, height - BlockSize);
            for (var bx = 0; bx < blocksX; bx++)
            {
                var left = Math.Min(bx << BlockShift, width - BlockSize);
                int min = 255, max = 0;
                for (var y = 0; y < BlockSize; y++)
                {
                    foreach (var v in grey.AsSpan(((top + y) * width) + left, BlockSize))
                    {
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }
                }

                mins[(by * blocksX) + bx] = (byte)min;
                maxs[(by * blocksX) + bx] = (byte)max;
            }
        }

        var bits = ArrayPool<byte>.Shared.Rent(width * height);
        var thresholds = new byte[width];
        for (var by = 0; by < blocksY; by++)
        {
            var top = Math.Min(by << BlockShift, height - BlockSize);
            for (var bx = 0; bx < blocksX; bx++)
            {
                var left = Math.Min(bx << BlockShift, width - BlockSize);
                int min = 255, max = 0;
                for (var ny = Math.Max(0, by - 1); ny <= Math.Min(blocksY - 1, by + 1); ny++)
                {
                    for (var nx = Math.Max(0, bx - 1); nx <= Math.Min(blocksX - 1, bx + 1); nx++)
                    {
                        min = Math.Min(min, mins[(ny * blocksX) + nx]);
                        max = Math.Max(max, maxs[(ny * blocksX) + nx]);
                    }
                }

                // A flat neighbourhood is light: threshold 0 makes only pure black dark.
                thresholds.AsSpan(left, BlockSize).Fill(max - min < minRange ? (byte)0 : (byte)((min + max) / 2));
            }

            for (var y = top; y < top + BlockSize; y++)
            {
                Threshold(grey.AsSpan(y * width, width), thresholds, bits.AsSpan(y * width, width));
            }
        }

        return new BinaryImage(width, height, bits, grey);
    }

    /// <summary>
    /// Fraction of pixels, in a sample of every 4th row, that are impulses: more than 96 grey levels darker or lighter
    /// than both horizontal neighbours. Salt-and-pepper noise makes them common; edges, text and blur do not.
    /// </summary>
    public static double ImpulseFraction(byte[] grey, int width, int height)
    {
        long impulses = 0, total = 0;
        for (var y = 0; y < height; y += 4)
        {
            var row = grey.AsSpan(y * width, width);
            for (var x = 1; x < width - 1; x++)
            {
                int v = row[x], a = row[x - 1], b = row[x + 1];
                impulses += (v - a > 96 && v - b > 96) || (a - v > 96 && b - v > 96) ? 1 : 0;
            }

            total += width - 2;
        }

        return total == 0 ? 0 : impulses / (double)total;
    }

    /// <summary>
    /// The 3×3 median of the grey image (edges replicated), into a buffer rented from the shared pool that the caller
    /// returns: it removes isolated salt-and-pepper pixels that break the finder runs, and keeps module edges.
    /// </summary>
    public static byte[] Median3x3(byte[] grey, int width, int height)
    {
        var result = ArrayPool<byte>.Shared.Rent(width * height);
        Span<byte> window = stackalloc byte[9];
        for (var y = 0; y < height; y++)
        {
            var up = Math.Max(0, y - 1) * width;
            var row = y * width;
            var down = Math.Min(height - 1, y + 1) * width;
            for (var x = 0; x < width; x++)
            {
                var left = Math.Max(0, x - 1);
                var right = Math.Min(width - 1, x + 1);
                window[0] = grey[up + left];
                window[1] = grey[up + x];
                window[2] = grey[up + right];
                window[3] = grey[row + left];
                window[4] = grey[row + x];
                window[5] = grey[row + right];
                window[6] = grey[down + left];
                window[7] = grey[down + x];
                window[8] = grey[down + right];
                window.Sort();
                result[row + x] = window[4];
            }
        }

        return result;
    }

    /// <summary>Sets <paramref name="bits"/> to 1 where the pixel is at or below its threshold, 0 elsewhere.</summary>
    private static void Threshold(ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> thresholds, Span<byte> bits)
    {
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var one = Vector128<byte>.One;
            for (; x <= pixels.Length - Vector128<byte>.Count; x += Vector128<byte>.Count)
            {
                var dark = Vector128.LessThanOrEqual(Vector128.Create(pixels[x..]), Vector128.Create(thresholds[x..]));
                (dark & one).CopyTo(bits[x..]);
            }
        }

        for (; x < pixels.Length; x++)
        {
            bits[x] = pixels[x] <= thresholds[x] ? (byte)1 : (byte)0;
        }
    }

    public static BinaryImage Binarize(byte[] grey, int width, int height, int minDynamicRange = DefaultMinDynamicRange)
    {
        Debug.Assert(grey.Length >= width * height && width >= BlockSize && height >= BlockSize);
        var blocksX = (width + BlockSize - 1) >> BlockShift;
        var blocksY = (height + BlockSize - 1) >> BlockShift;
        var blackPoints = new int[blocksX * blocksY];
        for (var by = 0; by < blocksY; by++)
        {
            var top = Math.Min(by << BlockShift, height - BlockSize);
            for (var bx = 0; bx < blocksX; bx++)
            {
                var left = Math.Min(bx << BlockShift, width - BlockSize);
                int sum = 0, min = 255, max = 0;
                for (var y = 0; y < BlockSize; y++)
                {
                    foreach (var v in grey.AsSpan(((top + y) * width) + left, BlockSize))
                    {
                        sum += v;
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }
                }

                int average;
                if (max - min > minDynamicRange)
                {
                    average = sum >> (2 * BlockShift);
                }
                else
                {
                    // Flat block: assume light (threshold under its minimum) unless the neighbours already seen say its
                    // level is dark, in which case take their black point so a flat dark area stays dark.
                    average = min / 2;
                    if (by > 0 && bx > 0)
                    {
                        var neighbours = (blackPoints[((by - 1) * blocksX) + bx] + (2 * blackPoints[(by * blocksX) + bx - 1])
                            + blackPoints[((by - 1) * blocksX) + bx - 1]) / 4;
                        if (min < neighbours)
                        {
                            average = neighbours;
                        }
                    }
                }

                blackPoints[(by * blocksX) + bx] = average;
            }
        }

        var bits = ArrayPool<byte>.Shared.Rent(width * height);
        var thresholds = new byte[width];
        for (var by = 0; by < blocksY; by++)
        {
            var top = Math.Min(by << BlockShift, height - BlockSize);
            var cy = Math.Clamp(by, 2, Math.Max(2, blocksY - 3));
            for (var bx = 0; bx < blocksX; bx++)
            {
                var left = Math.Min(bx << BlockShift, width - BlockSize);
                var cx = Math.Clamp(bx, 2, Math.Max(2, blocksX - 3));
                int sum = 0, count = 0;
                for (var ny = Math.Max(0, cy - 2); ny <= Math.Min(blocksY - 1, cy + 2); ny++)
                {
                    for (var nx = Math.Max(0, cx - 2); nx <= Math.Min(blocksX - 1, cx + 2); nx++)
                    {
                        sum += blackPoints[(ny * blocksX) + nx];
                        count++;
                    }
                }

                // Later blocks overwrite the overlap of a clamped last block, as thresholding them in order would.
                thresholds.AsSpan(left, BlockSize).Fill((byte)(sum / count));
            }

            for (var y = top; y < top + BlockSize; y++)
            {
                Threshold(grey.AsSpan(y * width, width), thresholds, bits.AsSpan(y * width, width));
            }
        }

        return new BinaryImage(width, height, bits, grey);
    }
}
