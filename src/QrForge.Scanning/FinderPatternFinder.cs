namespace QrForge.Scanning;

/// <summary>A finder or alignment pattern centre in image pixels, its module size and how many scans confirmed it.</summary>
internal sealed class PatternCandidate(double x, double y, double moduleSize)
{
    public double X { get; private set; } = x;

    public double Y { get; private set; } = y;

    public double ModuleSize { get; private set; } = moduleSize;

    public int Count { get; private set; } = 1;

    public bool AboutEquals(double moduleSize, double y, double x)
    {
        if (Math.Abs(y - Y) <= moduleSize && Math.Abs(x - X) <= moduleSize)
        {
            var difference = Math.Abs(moduleSize - ModuleSize);
            return difference <= 1 || difference <= ModuleSize;
        }

        return false;
    }

    /// <summary>Folds one more observation into the running average.</summary>
    public void Combine(double y, double x, double moduleSize)
    {
        var count = Count + 1;
        X = ((Count * X) + x) / count;
        Y = ((Count * Y) + y) / count;
        ModuleSize = ((Count * ModuleSize) + moduleSize) / count;
        Count = count;
    }

    public static double Distance(PatternCandidate a, PatternCandidate b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}

/// <summary>
/// Finds finder patterns (§6.3.3): runs dark:light:dark:light:dark in ratio 1:1:3:1:1 along image rows, confirmed
/// along the column, the row again and the diagonal through the candidate centre (the approach of ZXing's finder).
/// </summary>
internal sealed class FinderPatternFinder(BinaryImage image)
{
    private readonly BinaryImage _image = image;
    private readonly List<PatternCandidate> _centres = [];
    private readonly int[] _counts = new int[5];

    public List<PatternCandidate> Find(int rowStep)
    {
        var width = _image.Width;
        var height = _image.Height;
        var bits = _image.Bits;
        var state = _counts;
        for (var y = rowStep - 1; y < height; y += rowStep)
        {
            Array.Clear(state);
            var current = 0;
            var rowOffset = y * width;
            for (var x = 0; x < width; x++)
            {
                if (bits[rowOffset + x] != 0)
                {
                    if ((current & 1) == 1)
                    {
                        current++;
                    }

                    state[current]++;
                }
                else if ((current & 1) == 0)
                {
                    if (current == 4)
                    {
                        if (FoundPatternCross(state) && HandlePossibleCentre(state, y, x))
                        {
                            Array.Clear(state);
                            current = 0;
                            continue;
                        }

                        ShiftCounts(state);
                        current = 3;
                    }
                    else
                    {
                        state[++current]++;
                    }
                }
                else
                {
                    state[current]++;
                }
            }

            if (FoundPatternCross(state))
            {
                HandlePossibleCentre(state, y, width);
            }
        }

        return _centres;
    }

    private static void ShiftCounts(int[] state)
    {
        state[0] = state[2];
        state[1] = state[3];
        state[2] = state[4];
        state[3] = 1;
        state[4] = 0;
    }

    /// <summary>Whether the five runs are close enough to 1:1:3:1:1: each within half a module (1.5 for the centre).</summary>
    internal static bool FoundPatternCross(ReadOnlySpan<int> state, double varianceDivisor = 2)
    {
        var total = 0;
        foreach (var count in state)
        {
            if (count == 0)
            {
                return false;
            }

            total += count;
        }

        if (total < 7)
        {
            return false;
        }

        var module = total / 7.0;
        var variance = module / varianceDivisor;
        return Math.Abs(module - state[0]) < variance
            && Math.Abs(module - state[1]) < variance
            && Math.Abs((3 * module) - state[2]) < 3 * variance
            && Math.Abs(module - state[3]) < variance
            && Math.Abs(module - state[4]) < variance;
    }

    private static double CentreFromEnd(ReadOnlySpan<int> state, int end) => end - state[4] - state[3] - (state[2] / 2.0);

    private bool HandlePossibleCentre(int[] state, int y, int x)
    {
        var total = state[0] + state[1] + state[2] + state[3] + state[4];
        var centreX = CentreFromEnd(state, x);
        var centreY = CrossCheck((int)centreX, y, state[2], total, vertical: true);
        if (double.IsNaN(centreY))
        {
            return false;
        }

        centreX = CrossCheck((int)centreX, (int)centreY, state[2], total, vertical: false);
        if (double.IsNaN(centreX) || !CrossCheckDiagonal((int)centreX, (int)centreY))
        {
            return false;
        }

        var moduleSize = total / 7.0;
        foreach (var centre in _centres)
        {
            if (centre.AboutEquals(moduleSize, centreY, centreX))
            {
                centre.Combine(centreY, centreX, moduleSize);
                return true;
            }
        }

        _centres.Add(new PatternCandidate(centreX, centreY, moduleSize));
        return true;
    }

    /// <summary>
    /// Counts the five runs through (x, y) along the column (or row) and returns the centre coordinate along it, or
    /// NaN when they are not 1:1:3:1:1 or their total differs too much from the row's.
    /// </summary>
    private double CrossCheck(int x, int y, int maxCount, int originalTotal, bool vertical)
    {
        Span<int> state = stackalloc int[5];
        var limit = vertical ? _image.Height : _image.Width;
        var start = vertical ? y : x;
        bool Dark(int p) => vertical ? _image[x, p] : _image[p, y];

        var i = start;
        while (i >= 0 && Dark(i))
        {
            state[2]++;
            i--;
        }

        if (i < 0)
        {
            return double.NaN;
        }

        while (i >= 0 && !Dark(i) && state[1] <= maxCount)
        {
            state[1]++;
            i--;
        }

        if (i < 0 || state[1] > maxCount)
        {
            return double.NaN;
        }

        while (i >= 0 && Dark(i) && state[0] <= maxCount)
        {
            state[0]++;
            i--;
        }

        if (state[0] > maxCount)
        {
            return double.NaN;
        }

        i = start + 1;
        while (i < limit && Dark(i))
        {
            state[2]++;
            i++;
        }

        if (i == limit)
        {
            return double.NaN;
        }

        while (i < limit && !Dark(i) && state[3] < maxCount)
        {
            state[3]++;
            i++;
        }

        if (i == limit || state[3] >= maxCount)
        {
            return double.NaN;
        }

        while (i < limit && Dark(i) && state[4] < maxCount)
        {
            state[4]++;
            i++;
        }

        if (state[4] >= maxCount)
        {
            return double.NaN;
        }

        var total = state[0] + state[1] + state[2] + state[3] + state[4];

        // The column may be half to twice the row (perspective squeezes one axis), the row re-check within 20 %.
        var plausible = vertical
            ? 2 * total >= originalTotal && total <= 2 * originalTotal
            : 5 * Math.Abs(total - originalTotal) < originalTotal;
        if (!plausible || !FoundPatternCross(state))
        {
            return double.NaN;
        }

        return CentreFromEnd(state, i);
    }

    /// <summary>Checks the 1:1:3:1:1 runs along the diagonal through the centre, with a looser tolerance.</summary>
    private bool CrossCheckDiagonal(int x, int y)
    {
        Span<int> state = stackalloc int[5];
        var i = 0;
        while (y >= i && x >= i && _image[x - i, y - i])
        {
            state[2]++;
            i++;
        }

        if (state[2] == 0)
        {
            return false;
        }

        while (y >= i && x >= i && !_image[x - i, y - i])
        {
            state[1]++;
            i++;
        }

        if (state[1] == 0)
        {
            return false;
        }

        while (y >= i && x >= i && _image[x - i, y - i])
        {
            state[0]++;
            i++;
        }

        if (state[0] == 0)
        {
            return false;
        }

        var width = _image.Width;
        var height = _image.Height;
        i = 1;
        while (y + i < height && x + i < width && _image[x + i, y + i])
        {
            state[2]++;
            i++;
        }

        while (y + i < height && x + i < width && !_image[x + i, y + i])
        {
            state[3]++;
            i++;
        }

        if (state[3] == 0)
        {
            return false;
        }

        while (y + i < height && x + i < width && _image[x + i, y + i])
        {
            state[4]++;
            i++;
        }

        return state[4] != 0 && FoundPatternCross(state, 1.333);
    }
}
