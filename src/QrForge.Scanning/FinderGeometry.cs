namespace QrForge.Scanning;

/// <summary>
/// Geometry of one finder pattern in the binary image: dark-light-dark runs from its centre (module size along a
/// direction), and its angle and module size from the edge points of its dark ring.
/// </summary>
internal static class FinderGeometry
{
    /// <summary>
    /// The angle (radians, 0 to π/2) of a finder pattern's axes and its module size along them. Rays from the centre
    /// find the outer edge of the finder's dark ring (the end of its dark-light-dark run); the square's bounding box
    /// over those edge points is smallest, with a sharp minimum, when its axes are the finder's.
    /// </summary>
    internal static (double Angle, double Module) FinderOrientation(BinaryImage image, PatternCandidate finder)
    {
        const int Rays = 72;
        var reach = finder.ModuleSize * 12;
        Span<double> xs = stackalloc double[Rays];
        Span<double> ys = stackalloc double[Rays];
        var count = 0;
        for (var k = 0; k < Rays; k++)
        {
            var radians = k * 2 * Math.PI / Rays;
            var (dx, dy) = (Math.Cos(radians), Math.Sin(radians));
            var run = FinderGeometry.Run(image, (int)finder.X, (int)finder.Y, (int)(finder.X + (reach * dx)), (int)(finder.Y + (reach * dy)));
            if (!double.IsNaN(run))
            {
                xs[count] = run * dx;
                ys[count] = run * dy;
                count++;
            }
        }

        if (count < Rays / 2)
        {
            return (0, finder.ModuleSize);
        }

        double best = 0, bestBox = double.MaxValue;
        for (var degrees = 0.0; degrees < 90; degrees += 0.5)
        {
            var radians = degrees * Math.PI / 180;
            var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
            double maxU = 0, maxV = 0;
            for (var i = 0; i < count; i++)
            {
                maxU = Math.Max(maxU, Math.Abs((xs[i] * cos) + (ys[i] * sin)));
                maxV = Math.Max(maxV, Math.Abs((ys[i] * cos) - (xs[i] * sin)));
            }

            if (maxU + maxV < bestBox)
            {
                (best, bestBox) = (degrees, maxU + maxV);
            }
        }

        // Module size from the sides rather than the box (the box takes maxima, biased up by a pixel): per side, the
        // median projection of the edge points within 20° of its normal, less half a pixel because a run ends at the
        // first light pixel while the edge lies, on average, half a pixel before it. Half a side is 3.5 modules.
        var angle = best * Math.PI / 180;
        Span<double> projections = stackalloc double[Rays];
        var sides = 0.0;
        for (var side = 0; side < 4; side++)
        {
            var normal = angle + (side * Math.PI / 2);
            var (nx, ny) = (Math.Cos(normal), Math.Sin(normal));
            var n = 0;
            for (var i = 0; i < count; i++)
            {
                var length = Math.Sqrt((xs[i] * xs[i]) + (ys[i] * ys[i]));
                var along = ((xs[i] * nx) + (ys[i] * ny)) / length;
                if (along > Math.Cos(20 * Math.PI / 180))
                {
                    projections[n++] = (xs[i] * nx) + (ys[i] * ny);
                }
            }

            if (n == 0)
            {
                return (angle, bestBox / 7);
            }

            var sorted = projections[..n];
            sorted.Sort();
            sides += sorted[n / 2];
        }

        return (angle, ((sides / 4) - 0.5) / 3.5);
    }

    internal static double ModuleSizeOneWay(BinaryImage image, PatternCandidate from, PatternCandidate to)
    {
        var a = RunBothWays(image, (int)from.X, (int)from.Y, (int)to.X, (int)to.Y);
        var b = RunBothWays(image, (int)to.X, (int)to.Y, (int)from.X, (int)from.Y);
        return double.IsNaN(a) ? b / 7 : double.IsNaN(b) ? a / 7 : (a + b) / 14;
    }

    /// <summary>Length of the dark-light-dark run from a finder centre towards another and away from it: 7 modules.</summary>
    internal static double RunBothWays(BinaryImage image, int fromX, int fromY, int toX, int toY)
    {
        var result = FinderGeometry.Run(image, fromX, fromY, toX, toY);
        var scale = 1.0;
        var otherX = fromX - (toX - fromX);
        if (otherX < 0)
        {
            scale = fromX / (double)(fromX - otherX);
            otherX = 0;
        }
        else if (otherX >= image.Width)
        {
            scale = (image.Width - 1 - fromX) / (double)(otherX - fromX);
            otherX = image.Width - 1;
        }

        var otherY = (int)(fromY - ((toY - fromY) * scale));
        scale = 1.0;
        if (otherY < 0)
        {
            scale = fromY / (double)(fromY - otherY);
            otherY = 0;
        }
        else if (otherY >= image.Height)
        {
            scale = (image.Height - 1 - fromY) / (double)(otherY - fromY);
            otherY = image.Height - 1;
        }

        otherX = (int)(fromX + ((otherX - fromX) * scale));
        result += FinderGeometry.Run(image, fromX, fromY, otherX, otherY);
        return result - 1;
    }

    /// <summary>Bresenham walk from (fromX, fromY): the distance to the end of the first dark, light, dark runs.</summary>
    internal static double Run(BinaryImage image, int fromX, int fromY, int toX, int toY)
    {
        var steep = Math.Abs(toY - fromY) > Math.Abs(toX - fromX);
        if (steep)
        {
            (fromX, fromY) = (fromY, fromX);
            (toX, toY) = (toY, toX);
        }

        var dx = Math.Abs(toX - fromX);
        var dy = Math.Abs(toY - fromY);
        var error = -dx / 2;
        var xStep = fromX < toX ? 1 : -1;
        var yStep = fromY < toY ? 1 : -1;
        var state = 0;
        var xLimit = toX + xStep;
        for (int x = fromX, y = fromY; x != xLimit; x += xStep)
        {
            var realX = steep ? y : x;
            var realY = steep ? x : y;
            if ((uint)realX >= (uint)image.Width || (uint)realY >= (uint)image.Height)
            {
                break;
            }

            if ((state == 1) == image[realX, realY])
            {
                if (state == 2)
                {
                    return Math.Sqrt(((x - fromX) * (double)(x - fromX)) + ((y - fromY) * (double)(y - fromY)));
                }

                state++;
            }

            error += dy;
            if (error > 0)
            {
                if (y == toY)
                {
                    break;
                }

                y += yStep;
                error -= dx;
            }
        }

        if (state == 2)
        {
            return Math.Sqrt(((toX + xStep - fromX) * (double)(toX + xStep - fromX)) + ((toY - fromY) * (double)(toY - fromY)));
        }

        return double.NaN;
    }
}
