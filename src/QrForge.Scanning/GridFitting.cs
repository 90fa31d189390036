namespace QrForge.Scanning;

/// <summary>
/// Transforms fitted to many points of the symbol rather than four, for strong perspective and large versions: the
/// outer corners of the three finder patterns (12 points whose edges carry the perspective even without an alignment
/// pattern: the bottom-right corner follows from the bottom-left finder's bottom edge and the top-right finder's right
/// edge, as zxing-cpp's detector does), then every alignment pattern found near where that fit puts it (§6.3.6,
/// Table E.1), all fitted by least squares.
/// </summary>
internal static class GridFitting
{
    // Rays cast per finder side, at these fractions along it (corners excluded: their edges are rounded by blur).
    private static readonly double[] SideFractions = [0.2, 0.35, 0.5, 0.65, 0.8];

    /// <summary>
    /// The three finder centres and the outer corners of each finder whose four edges were traced, as module →
    /// pixel correspondences. <paramref name="guess"/> places the finder sides roughly (it may be off by a module).
    /// Null when fewer than two finders could be traced.
    /// </summary>
    public static List<(double U, double V, double X, double Y)>? FinderPoints(
        BinaryImage image, PatternCandidate bottomLeft, PatternCandidate topLeft, PatternCandidate topRight, int dimension, PerspectiveTransform guess)
    {
        var points = new List<(double U, double V, double X, double Y)>(15)
        {
            (3.5, 3.5, topLeft.X, topLeft.Y),
            (dimension - 3.5, 3.5, topRight.X, topRight.Y),
            (3.5, dimension - 3.5, bottomLeft.X, bottomLeft.Y),
        };
        var traced = 0;
        Span<(double X, double Y)> corners = stackalloc (double X, double Y)[4];
        foreach (var (finder, u, v) in (ReadOnlySpan<(PatternCandidate, double, double)>)[(topLeft, 3.5, 3.5), (topRight, dimension - 3.5, 3.5), (bottomLeft, 3.5, dimension - 3.5)])
        {
            if (FinderCorners(image, finder, u, v, guess, corners))
            {
                points.Add((u - 3.5, v - 3.5, corners[0].X, corners[0].Y));
                points.Add((u + 3.5, v - 3.5, corners[1].X, corners[1].Y));
                points.Add((u + 3.5, v + 3.5, corners[2].X, corners[2].Y));
                points.Add((u - 3.5, v + 3.5, corners[3].X, corners[3].Y));
                traced++;
            }
        }

        return traced >= 2 ? points : null;
    }

    /// <summary>
    /// The outer corners of one finder (module centre <paramref name="u"/>, <paramref name="v"/>), in the order
    /// (−,−), (+,−), (+,+), (−,+) of module coordinates: rays from its centre through points of each side find the
    /// outer edge of its dark ring, a line is fitted per side and neighbouring lines intersected. False when a side
    /// has too few edge points or a corner lands over two modules from the guess.
    /// </summary>
    internal static bool FinderCorners(BinaryImage image, PatternCandidate finder, double u, double v, PerspectiveTransform guess, Span<(double X, double Y)> corners)
    {
        Span<(double A, double B, double C)> lines = stackalloc (double, double, double)[4];
        Span<(double X, double Y)> edge = stackalloc (double X, double Y)[SideFractions.Length];
        var startX = (int)finder.X;
        var startY = (int)finder.Y;
        for (var side = 0; side < 4; side++)
        {
            var n = 0;
            foreach (var f in SideFractions)
            {
                // Sides in order: top (v − 3.5), right (u + 3.5), bottom (v + 3.5), left (u − 3.5).
                var t = -3.5 + (7 * f);
                var (mu, mv) = side switch
                {
                    0 => (u + t, v - 3.5),
                    1 => (u + 3.5, v + t),
                    2 => (u - t, v + 3.5),
                    _ => (u - 3.5, v - t),
                };
                var (px, py) = guess.Apply(mu, mv);
                var (dx, dy) = (px - (startX + 0.5), py - (startY + 0.5));
                var length = Math.Sqrt((dx * dx) + (dy * dy));
                if (double.IsNaN(length) || length < 2)
                {
                    continue;
                }

                // Reach past the guessed edge by 60 %: under perspective the guess may fall short of it.
                var run = FinderGeometry.Run(image, startX, startY, (int)(startX + 0.5 + (dx * 1.6)), (int)(startY + 0.5 + (dy * 1.6)));
                if (double.IsNaN(run))
                {
                    continue;
                }

                // The run ends at the first light pixel; the edge lies half a pixel before it.
                var reach = run - 0.5;
                edge[n++] = (startX + 0.5 + (dx / length * reach), startY + 0.5 + (dy / length * reach));
            }

            if (n < 3 || FitLine(edge[..n]) is not { } line)
            {
                return false;
            }

            lines[side] = line;
        }

        var (tolerance, _) = ModuleSpan(guess, u, v);
        for (var c = 0; c < 4; c++)
        {
            // Corner c joins side c−1 and side c: (−,−) is left ∩ top, (+,−) top ∩ right, and so on.
            if (Intersect(lines[(c + 3) % 4], lines[c]) is not { } corner)
            {
                return false;
            }

            var (gx, gy) = guess.Apply(c is 0 or 3 ? u - 3.5 : u + 3.5, c < 2 ? v - 3.5 : v + 3.5);
            if (Math.Abs(corner.X - gx) > 2 * tolerance || Math.Abs(corner.Y - gy) > 2 * tolerance)
            {
                return false;
            }

            corners[c] = corner;
        }

        return true;
    }

    /// <summary>
    /// Searches every alignment pattern of the version where <paramref name="transform"/> puts it (within 2
    /// modules) and returns <paramref name="points"/> plus those found, or null when none was.
    /// </summary>
    public static List<(double U, double V, double X, double Y)>? WithAlignments(
        BinaryImage image, PerspectiveTransform transform, int dimension, List<(double U, double V, double X, double Y)> points)
    {
        var version = (dimension - 17) / 4;
        if (version < 2)
        {
            return null;
        }

        var centres = SymbolTables.AlignmentCentres(version);
        var last = centres.Length - 1;
        var result = new List<(double U, double V, double X, double Y)>(points);
        var found = 0;
        for (var i = 0; i <= last; i++)
        {
            for (var j = 0; j <= last; j++)
            {
                // The three positions over finder patterns hold no alignment pattern.
                if ((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0))
                {
                    continue;
                }

                var (u, v) = (centres[i] + 0.5, centres[j] + 0.5);
                var (px, py) = transform.Apply(u, v);
                var (module, _) = ModuleSpan(transform, u, v);
                if (double.IsNaN(px) || double.IsNaN(module) || module < 1 || px < 0 || py < 0 || px >= image.Width || py >= image.Height)
                {
                    continue;
                }

                var best = double.MaxValue;
                (double X, double Y) at = default;
                foreach (var candidate in AlignmentPatternFinder.FindAll(image, module, (int)px, (int)py, 2))
                {
                    var distance = Math.Sqrt(((candidate.X - px) * (candidate.X - px)) + ((candidate.Y - py) * (candidate.Y - py)));
                    if (distance < best && distance <= 1.5 * module)
                    {
                        (best, at) = (distance, (candidate.X, candidate.Y));
                    }
                }

                if (best < double.MaxValue)
                {
                    result.Add((u, v, at.X, at.Y));
                    found++;
                }
            }
        }

        return found > 0 ? result : null;
    }

    /// <summary>Pixels per module around module point (u, v), along the two module axes' mean; and the larger of them.</summary>
    private static (double Mean, double Max) ModuleSpan(PerspectiveTransform transform, double u, double v)
    {
        var (x0, y0) = transform.Apply(u, v);
        var (x1, y1) = transform.Apply(u + 1, v);
        var (x2, y2) = transform.Apply(u, v + 1);
        var a = Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
        var b = Math.Sqrt(((x2 - x0) * (x2 - x0)) + ((y2 - y0) * (y2 - y0)));
        return ((a + b) / 2, Math.Max(a, b));
    }

    /// <summary>Total least squares line a·x + b·y = c (a² + b² = 1) through the points; null when they coincide.</summary>
    internal static (double A, double B, double C)? FitLine(ReadOnlySpan<(double X, double Y)> points)
    {
        double mx = 0, my = 0;
        foreach (var p in points)
        {
            mx += p.X;
            my += p.Y;
        }

        mx /= points.Length;
        my /= points.Length;
        double sxx = 0, sxy = 0, syy = 0;
        foreach (var p in points)
        {
            sxx += (p.X - mx) * (p.X - mx);
            sxy += (p.X - mx) * (p.Y - my);
            syy += (p.Y - my) * (p.Y - my);
        }

        if (sxx + syy < 1e-9)
        {
            return null;
        }

        // The direction is the principal axis of the scatter; the normal is perpendicular to it.
        var angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        var (a, b) = (-Math.Sin(angle), Math.Cos(angle));
        return (a, b, (a * mx) + (b * my));
    }

    private static (double X, double Y)? Intersect((double A, double B, double C) p, (double A, double B, double C) q)
    {
        var determinant = (p.A * q.B) - (p.B * q.A);
        return Math.Abs(determinant) < 1e-6 ? null : (((p.C * q.B) - (p.B * q.C)) / determinant, ((p.A * q.C) - (p.C * q.A)) / determinant);
    }
}
