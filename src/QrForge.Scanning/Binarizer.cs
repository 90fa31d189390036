using System.Diagnostics;

namespace QrForge.Scanning;

/// <summary>A thresholded image: one byte per pixel, 1 dark and 0 light, row-major.</summary>
internal sealed class BinaryImage(int width, int height, byte[] bits, byte[] grey)
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
        var inverted = new byte[Bits.Length];
        var grey = new byte[Bits.Length];
        for (var i = 0; i < inverted.Length; i++)
        {
            inverted[i] = (byte)(Bits[i] ^ 1);
            grey[i] = (byte)(255 - Grey[i]);
        }

        return new BinaryImage(Width, Height, inverted, grey);
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

    // A block whose grey levels span less than this is treated as flat (all light or all dark like its neighbours).
    private const int MinDynamicRange = 24;

    public static BinaryImage Binarize(byte[] grey, int width, int height)
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
                    var row = grey.AsSpan(((top + y) * width) + left, BlockSize);
                    foreach (var v in row)
                    {
                        sum += v;
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }
                }

                int average;
                if (max - min > MinDynamicRange)
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

        var bits = new byte[width * height];
        for (var by = 0; by < blocksY; by++)
        {
            var top = Math.Min(by << BlockShift, height - BlockSize);
            var cy = Math.Clamp(by, 2, Math.Max(2, blocksY - 3));
            for (var bx = 0; bx < blocksX; bx++)
            {
                var left = Math.Min(bx << BlockShift, width - BlockSize);
                var cx = Math.Clamp(bx, 2, Math.Max(2, blocksX - 3));
                int sum = 0, count = 0;
                for (var ny = cy - 2; ny <= cy + 2; ny++)
                {
                    if ((uint)ny >= (uint)blocksY)
                    {
                        continue;
                    }

                    for (var nx = cx - 2; nx <= cx + 2; nx++)
                    {
                        if ((uint)nx < (uint)blocksX)
                        {
                            sum += blackPoints[(ny * blocksX) + nx];
                            count++;
                        }
                    }
                }

                var threshold = sum / count;
                for (var y = 0; y < BlockSize; y++)
                {
                    var offset = ((top + y) * width) + left;
                    for (var x = 0; x < BlockSize; x++)
                    {
                        bits[offset + x] = grey[offset + x] <= threshold ? (byte)1 : (byte)0;
                    }
                }
            }
        }

        return new BinaryImage(width, height, bits, grey);
    }
}
