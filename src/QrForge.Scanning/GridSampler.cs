namespace QrForge.Scanning;

/// <summary>Module grids sampled through a transform: binary, or grey (bilinear, optionally sharpened) with doubtful modules.</summary>
internal static class GridSampler
{
    /// <summary>
    /// Samples grey levels at module centres (bilinear), optionally sharpened against the 4-neighbour mean to undo
    /// blur that spreads one module into the next, and thresholds at the midpoint of the 5th and 95th percentiles.
    /// </summary>
    internal static bool[] SampleGrey(BinaryImage image, PerspectiveTransform transform, int dimension, double sharpen, out bool[] uncertain)
    {
        var values = new double[dimension * dimension];
        for (var y = 0; y < dimension; y++)
        {
            for (var x = 0; x < dimension; x++)
            {
                var (px, py) = transform.Apply(x + 0.5, y + 0.5);
                values[(y * dimension) + x] = Bilinear(image, px - 0.5, py - 0.5);
            }
        }

        var sharpened = values;
        if (sharpen > 0)
        {
            sharpened = new double[values.Length];
            for (var y = 0; y < dimension; y++)
            {
                for (var x = 0; x < dimension; x++)
                {
                    var v = values[(y * dimension) + x];
                    var sum = 0.0;
                    var count = 0;
                    if (x > 0) { sum += values[(y * dimension) + x - 1]; count++; }
                    if (x < dimension - 1) { sum += values[(y * dimension) + x + 1]; count++; }
                    if (y > 0) { sum += values[((y - 1) * dimension) + x]; count++; }
                    if (y < dimension - 1) { sum += values[((y + 1) * dimension) + x]; count++; }
                    sharpened[(y * dimension) + x] = v + (sharpen * (v - (sum / count)));
                }
            }
        }

        var sorted = (double[])sharpened.Clone();
        Array.Sort(sorted);
        var low = sorted[sorted.Length / 20];
        var high = sorted[sorted.Length - 1 - (sorted.Length / 20)];
        var threshold = (low + high) / 2;

        // Modules within 10 % of the contrast from the threshold are doubtful: candidates for erasure.
        var margin = (high - low) * 0.10;
        var grid = new bool[values.Length];
        uncertain = new bool[values.Length];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = sharpened[i] < threshold;
            uncertain[i] = Math.Abs(sharpened[i] - threshold) < margin;
        }

        return grid;
    }

    internal static double Bilinear(BinaryImage image, double x, double y)
    {
        var x0 = Math.Clamp((int)Math.Floor(x), 0, image.Width - 1);
        var y0 = Math.Clamp((int)Math.Floor(y), 0, image.Height - 1);
        var x1 = Math.Min(x0 + 1, image.Width - 1);
        var y1 = Math.Min(y0 + 1, image.Height - 1);
        var fx = Math.Clamp(x - x0, 0, 1);
        var fy = Math.Clamp(y - y0, 0, 1);
        var grey = image.Grey;
        var w = image.Width;
        var top = (grey[(y0 * w) + x0] * (1 - fx)) + (grey[(y0 * w) + x1] * fx);
        var bottom = (grey[(y1 * w) + x0] * (1 - fx)) + (grey[(y1 * w) + x1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    internal static ScanPoint[] Corners(PerspectiveTransform transform, int dimension, bool mirrored)
    {
        var (x0, y0) = transform.Apply(0, 0);
        var (x1, y1) = transform.Apply(dimension, 0);
        var (x2, y2) = transform.Apply(dimension, dimension);
        var (x3, y3) = transform.Apply(0, dimension);

        // Corners in symbol order: top-left, top-right, bottom-right, bottom-left of the symbol as read.
        return mirrored
            ? [new(x0, y0), new(x3, y3), new(x2, y2), new(x1, y1)]
            : [new(x0, y0), new(x1, y1), new(x2, y2), new(x3, y3)];
    }

    /// <summary>Samples each module centre through the transform; null when the grid leaves the image by over a module.</summary>
    internal static bool[]? Sample(BinaryImage image, PerspectiveTransform transform, int dimension)
    {
        var grid = new bool[dimension * dimension];
        var width = image.Width;
        var height = image.Height;
        var bits = image.Bits;
        for (var y = 0; y < dimension; y++)
        {
            for (var x = 0; x < dimension; x++)
            {
                var (px, py) = transform.Apply(x + 0.5, y + 0.5);
                if (double.IsNaN(px) || double.IsNaN(py))
                {
                    return null;
                }

                var ix = (int)Math.Floor(px);
                var iy = (int)Math.Floor(py);
                if (ix < -2 || iy < -2 || ix > width + 1 || iy > height + 1)
                {
                    return null;
                }

                ix = Math.Clamp(ix, 0, width - 1);
                iy = Math.Clamp(iy, 0, height - 1);
                grid[(y * dimension) + x] = bits[(iy * width) + ix] != 0;
            }
        }

        return grid;
    }

    internal static bool[] Transpose(bool[] grid, int dimension)
    {
        var result = new bool[grid.Length];
        for (var y = 0; y < dimension; y++)
        {
            for (var x = 0; x < dimension; x++)
            {
                result[(x * dimension) + y] = grid[(y * dimension) + x];
            }
        }

        return result;
    }
}
