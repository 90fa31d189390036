namespace QrForge.Scanning;

/// <summary>
/// Finds an alignment pattern (§6.3.6) near an estimated centre: a light:dark:light run of one module each across a
/// row, confirmed down the column; rows are searched from the middle of the region outwards.
/// </summary>
internal static class AlignmentPatternFinder
{
    /// <summary>
    /// Alignment pattern look-alikes in the region, best first: those confirmed on two rows, then by distance to the
    /// estimate. The caller decides by decoding, since blur and perspective make false ones common.
    /// </summary>
    public static List<PatternCandidate> FindAll(BinaryImage image, double moduleSize, int estimateX, int estimateY, int allowanceFactor)
    {
        var allowance = (int)(allowanceFactor * moduleSize);
        var left = Math.Max(0, estimateX - allowance);
        var right = Math.Min(image.Width - 1, estimateX + allowance);
        var top = Math.Max(0, estimateY - allowance);
        var bottom = Math.Min(image.Height - 1, estimateY + allowance);
        if (right - left < moduleSize * 3 || bottom - top < moduleSize * 3)
        {
            return [];
        }

        var candidates = new List<PatternCandidate>();
        Span<int> state = stackalloc int[3];
        var height = bottom - top;
        var middle = top + (height / 2);
        for (var g = 0; g < height; g++)
        {
            var y = middle + ((g & 1) == 0 ? (g + 1) / 2 : -((g + 1) / 2));
            state.Clear();
            var x = left;

            // Skip leading light pixels: a run that starts before the region has no meaningful length.
            while (x < right && !image[x, y])
            {
                x++;
            }

            var current = 0;
            while (x < right)
            {
                if (image[x, y])
                {
                    if (current == 1)
                    {
                        state[1]++;
                    }
                    else if (current == 2)
                    {
                        if (Cross(state, moduleSize))
                        {
                            Confirm(image, candidates, state, moduleSize, y, x);
                        }

                        state[0] = state[2];
                        state[1] = 1;
                        state[2] = 0;
                        current = 1;
                    }
                    else
                    {
                        state[++current]++;
                    }
                }
                else
                {
                    if (current == 1)
                    {
                        current++;
                    }

                    state[current]++;
                }

                x++;
            }

            if (Cross(state, moduleSize))
            {
                Confirm(image, candidates, state, moduleSize, y, right);
            }
        }

        return [.. candidates
            .OrderByDescending(c => c.Count >= 2)
            .ThenBy(c => ((c.X - estimateX) * (c.X - estimateX)) + ((c.Y - estimateY) * (c.Y - estimateY)))];
    }

    private static bool Cross(ReadOnlySpan<int> state, double moduleSize)
    {
        var variance = moduleSize / 2;
        for (var i = 0; i < 3; i++)
        {
            if (Math.Abs(moduleSize - state[i]) >= variance)
            {
                return false;
            }
        }

        return true;
    }

    private static void Confirm(BinaryImage image, List<PatternCandidate> candidates, ReadOnlySpan<int> state, double moduleSize, int y, int end)
    {
        var total = state[0] + state[1] + state[2];
        var centreX = end - state[2] - (state[1] / 2.0);
        var centreY = CrossCheckVertical(image, y, (int)centreX, 2 * state[1], total, moduleSize);
        if (double.IsNaN(centreY))
        {
            return;
        }

        var estimated = total / 3.0;
        foreach (var candidate in candidates)
        {
            if (candidate.AboutEquals(estimated, centreY, centreX))
            {
                candidate.Combine(centreY, centreX, estimated);
                return;
            }
        }

        candidates.Add(new PatternCandidate(centreX, centreY, estimated));
    }

    private static double CrossCheckVertical(BinaryImage image, int startY, int x, int maxCount, int originalTotal, double moduleSize)
    {
        Span<int> state = stackalloc int[3];
        var height = image.Height;
        var y = startY;
        while (y >= 0 && image[x, y] && state[1] <= maxCount)
        {
            state[1]++;
            y--;
        }

        if (y < 0 || state[1] > maxCount)
        {
            return double.NaN;
        }

        while (y >= 0 && !image[x, y] && state[0] <= maxCount)
        {
            state[0]++;
            y--;
        }

        if (state[0] > maxCount)
        {
            return double.NaN;
        }

        y = startY + 1;
        while (y < height && image[x, y] && state[1] <= maxCount)
        {
            state[1]++;
            y++;
        }

        if (y == height || state[1] > maxCount)
        {
            return double.NaN;
        }

        while (y < height && !image[x, y] && state[2] <= maxCount)
        {
            state[2]++;
            y++;
        }

        if (state[2] > maxCount)
        {
            return double.NaN;
        }

        var total = state[0] + state[1] + state[2];
        if (5 * Math.Abs(total - originalTotal) >= 2 * originalTotal)
        {
            return double.NaN;
        }

        return Cross(state, moduleSize) ? y - state[2] - (state[1] / 2.0) : double.NaN;
    }
}
